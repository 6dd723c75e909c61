#pragma once

// An inventory under test behind a virtual interface, whatever its policy
// and listener: the harness and the model comparison are then compiled once
// per Traits (harness.cpp), and each policy's source file compiles only the
// library's own code and this thin wrapper, which keeps the fuzzer's build
// short.

#include "../model.hpp"
#include "input.hpp"

#include <backorder/backorder.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace backorder::fuzz {

namespace model = backorder::testing::model;

/// Describes an inventory with string SKUs on a ManualClock.
using StringSkus = ManualClockTraits;

/// Describes an inventory with integer SKUs on a ManualClock.
struct IntegerSkus : IntegerSkuTraits {
  using Clock = ManualClock;
};

/// Describes one line as a `ship` visitor was given it: its position, SKU
/// and units.
template <class Traits>
using ShippedRecord =
    std::tuple<std::uint32_t, typename Traits::Sku, typename Traits::Quantity>;

/// Runs operations on an inventory and reads it through the same const
/// functions as Inventory (the ones compare_state uses).
template <class Traits> class Subject {
public:
  using traits_type = Traits;
  using Sku = typename Traits::Sku;
  using SkuView = detail::sku_view_t<Sku>;
  using OrderId = typename Traits::OrderId;
  using Quantity = typename Traits::Quantity;
  using TimePoint = typename Traits::Clock::time_point;
  using Duration = typename Traits::Clock::duration;
  using Config = SkuConfig<Traits>;

  Subject() = default;
  Subject(const Subject &) = delete;
  Subject &operator=(const Subject &) = delete;
  virtual ~Subject() = default;

  // Operations, each returning its model::Outcome (dates compared).
  virtual model::Outcome add_sku(const Sku &sku, const Config &config) = 0;
  virtual model::Outcome configure(const Sku &sku, const Config &config) = 0;
  virtual model::Outcome receive(const Sku &sku, Quantity units) = 0;
  virtual model::Outcome adjust(const Sku &sku, Quantity delta) = 0;
  virtual model::Outcome place(const Order<Traits> &order) = 0;
  /// Ships; with `visited`, through the visitor overload, which records
  /// each line it is given there.
  virtual model::Outcome ship(OrderId id,
                              std::vector<ShippedRecord<Traits>> *visited) = 0;
  virtual model::Outcome cancel(OrderId id) = 0;
  virtual model::Outcome expect(const Sku &sku, Quantity units,
                                TimePoint eta) = 0;
  virtual model::Outcome reschedule(InboundId id, TimePoint eta) = 0;
  virtual model::Outcome cancel_inbound(InboundId id) = 0;
  virtual model::Outcome receive_inbound(InboundId id, Quantity units) = 0;
  virtual void reserve(std::size_t orders, std::size_t lines) = 0;
  virtual void set_clock(TimePoint now) = 0;
  virtual void advance_clock(Duration step) = 0;
  /// Returns the inventory's Callbacks listener, or null for none.
  virtual Callbacks<Traits> *callbacks() = 0;

  // Reads, as Inventory names them.
  [[nodiscard]] virtual std::optional<std::string> check_invariants() const = 0;
  [[nodiscard]] virtual TimePoint now() const = 0;
  [[nodiscard]] virtual std::size_t sku_count() const = 0;
  [[nodiscard]] virtual std::size_t open_orders() const = 0;
  [[nodiscard]] virtual std::size_t open_lines() const = 0;
  [[nodiscard]] virtual bool contains_sku(SkuView sku) const = 0;
  [[nodiscard]] virtual bool contains_order(OrderId id) const = 0;
  [[nodiscard]] virtual Result<StockLevel<Traits>> stock(SkuView sku) const = 0;
  [[nodiscard]] virtual Result<Config> config(SkuView sku) const = 0;
  [[nodiscard]] virtual Result<OrderStatus<Traits>>
  status(OrderId id) const = 0;
  [[nodiscard]] virtual Result<OrderPromise<Traits>>
  promise(OrderId id) const = 0;
  [[nodiscard]] virtual Result<InboundDelivery<Traits>>
  inbound(InboundId id) const = 0;
  virtual Result<void>
  for_each_inbound(SkuView sku,
                   const std::function<void(const InboundDelivery<Traits> &)>
                       &visit) const = 0;
  virtual void for_each_sku(
      const std::function<void(const Sku &, const StockLevel<Traits> &)> &visit)
      const = 0;
};

/// Implements Subject with an Inventory.
template <class Inv>
class SubjectOf final : public Subject<typename Inv::traits_type> {
public:
  using Traits = typename Inv::traits_type;
  using Base = Subject<Traits>;
  using typename Base::Config;
  using typename Base::Duration;
  using typename Base::OrderId;
  using typename Base::Quantity;
  using typename Base::Sku;
  using typename Base::SkuView;
  using typename Base::TimePoint;

  /// Makes an empty inventory with `policy`.
  explicit SubjectOf(const typename Inv::policy_type &policy)
      : inventory_(policy) {}

  model::Outcome add_sku(const Sku &sku, const Config &config) override {
    return model::outcome_of(inventory_.add_sku(sku, config), true);
  }
  model::Outcome configure(const Sku &sku, const Config &config) override {
    return model::outcome_of(inventory_.configure(sku, config), true);
  }
  model::Outcome receive(const Sku &sku, Quantity units) override {
    return model::outcome_of(inventory_.receive(sku, units), true);
  }
  model::Outcome adjust(const Sku &sku, Quantity delta) override {
    return model::outcome_of(inventory_.adjust(sku, delta), true);
  }
  model::Outcome place(const Order<Traits> &order) override {
    return model::outcome_of(inventory_.place(order), true);
  }
  model::Outcome ship(OrderId id,
                      std::vector<ShippedRecord<Traits>> *visited) override {
    if (visited == nullptr) {
      return model::outcome_of(inventory_.ship(id), true);
    }
    return model::outcome_of(
        inventory_.ship(id,
                        [&](const ShippedLine<Traits> &line) {
                          visited->emplace_back(line.line, line.sku,
                                                line.units);
                        }),
        true);
  }
  model::Outcome cancel(OrderId id) override {
    return model::outcome_of(inventory_.cancel(id), true);
  }
  model::Outcome expect(const Sku &sku, Quantity units,
                        TimePoint eta) override {
    return model::outcome_of(inventory_.expect(sku, units, eta), true);
  }
  model::Outcome reschedule(InboundId id, TimePoint eta) override {
    return model::outcome_of(inventory_.reschedule(id, eta), true);
  }
  model::Outcome cancel_inbound(InboundId id) override {
    return model::outcome_of(inventory_.cancel_inbound(id), true);
  }
  model::Outcome receive_inbound(InboundId id, Quantity units) override {
    return model::outcome_of(inventory_.receive_inbound(id, units), true);
  }
  void reserve(std::size_t orders, std::size_t lines) override {
    inventory_.reserve(orders, lines);
  }
  void set_clock(TimePoint now) override { inventory_.clock().set(now); }
  void advance_clock(Duration step) override {
    inventory_.clock().advance(step);
  }
  Callbacks<Traits> *callbacks() override {
    if constexpr (std::is_same_v<typename Inv::listener_type,
                                 Callbacks<Traits>>) {
      return &inventory_.listener();
    } else {
      return nullptr;
    }
  }

  [[nodiscard]] std::optional<std::string> check_invariants() const override {
    return inventory_.check_invariants();
  }
  [[nodiscard]] TimePoint now() const override { return inventory_.now(); }
  [[nodiscard]] std::size_t sku_count() const override {
    return inventory_.sku_count();
  }
  [[nodiscard]] std::size_t open_orders() const override {
    return inventory_.open_orders();
  }
  [[nodiscard]] std::size_t open_lines() const override {
    return inventory_.open_lines();
  }
  [[nodiscard]] bool contains_sku(SkuView sku) const override {
    return inventory_.contains_sku(sku);
  }
  [[nodiscard]] bool contains_order(OrderId id) const override {
    return inventory_.contains_order(id);
  }
  [[nodiscard]] Result<StockLevel<Traits>> stock(SkuView sku) const override {
    return inventory_.stock(sku);
  }
  [[nodiscard]] Result<Config> config(SkuView sku) const override {
    return inventory_.config(sku);
  }
  [[nodiscard]] Result<OrderStatus<Traits>> status(OrderId id) const override {
    return inventory_.status(id);
  }
  [[nodiscard]] Result<OrderPromise<Traits>>
  promise(OrderId id) const override {
    return inventory_.promise(id);
  }
  [[nodiscard]] Result<InboundDelivery<Traits>>
  inbound(InboundId id) const override {
    return inventory_.inbound(id);
  }
  Result<void>
  for_each_inbound(SkuView sku,
                   const std::function<void(const InboundDelivery<Traits> &)>
                       &visit) const override {
    return inventory_.for_each_inbound(sku, visit);
  }
  void for_each_sku(
      const std::function<void(const Sku &, const StockLevel<Traits> &)> &visit)
      const override {
    inventory_.for_each_sku(visit);
  }

private:
  Inv inventory_;
};

/// Runs the operations an input decodes to on `plain` (no listener) and
/// `told` (a Callbacks listener), both empty, and on the model following
/// `rules`, and aborts with a report naming `name` at the first difference.
/// Compiled once per Traits, in harness_strings.cpp and
/// harness_integers.cpp.
template <class Traits>
void run_harness(Input &in, Subject<Traits> &plain, Subject<Traits> &told,
                 const model::Rules &rules, const std::string &name);

extern template void run_harness<StringSkus>(Input &, Subject<StringSkus> &,
                                             Subject<StringSkus> &,
                                             const model::Rules &,
                                             const std::string &);
extern template void run_harness<IntegerSkus>(Input &, Subject<IntegerSkus> &,
                                              Subject<IntegerSkus> &,
                                              const model::Rules &,
                                              const std::string &);

/// Runs an input on inventories with string SKUs, or integer SKUs, and
/// `policy`.
template <class Policy>
void run_policy(Input &in, bool integer_skus, const Policy &policy,
                const model::Rules &rules, const std::string &name) {
  if (integer_skus) {
    using Traits = IntegerSkus;
    SubjectOf<Inventory<Policy, Traits>> plain(policy);
    SubjectOf<Inventory<Policy, Traits, Callbacks<Traits>>> told(policy);
    run_harness<Traits>(in, plain, told, rules, name + ", integer SKUs");
  } else {
    using Traits = StringSkus;
    SubjectOf<Inventory<Policy, Traits>> plain(policy);
    SubjectOf<Inventory<Policy, Traits, Callbacks<Traits>>> told(policy);
    run_harness<Traits>(in, plain, told, rules, name + ", string SKUs");
  }
}

} // namespace backorder::fuzz
