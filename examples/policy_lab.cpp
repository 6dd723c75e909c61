// Policy lab: one season in a shop, played once under each allocation
// policy, compared in a table and a chart.
//
// The season is drawn from a seed before any policy runs: the SKUs, every
// customer's order (sizes, priority, patience) and the supplier's lateness.
// Each policy then plays exactly that season on an Inventory driven by a
// ManualClock, one day at a time: deliveries arrive (some late, some short),
// the shop reorders, customers order, ready orders ship, and customers whose
// promise slips past their patience cancel. A listener records when each
// line is complete and which promises moved. See docs/policy-lab.md.
//
// Output on stdout depends only on the flags, so two runs with the same
// seed print the same table and write the same chart.
#include <backorder/backorder.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#if defined(_WIN32)
#include <io.h>
#else
#include <unistd.h>
#endif

namespace {

using Traits = backorder::ManualClockTraits;
using Quantity = std::int64_t;
using OrderId = std::uint64_t;
using TimePoint = backorder::ManualClock::time_point;
using Config = backorder::SkuConfig<Traits>;
using Days = std::chrono::days;

constexpr int never = std::numeric_limits<int>::max();

// The model of the season; docs/policy-lab.md explains it.
constexpr int peak_extra = 1200;      // the peak adds 120% to the base demand
constexpr int review_days = 7;        // the shop reviews each SKU weekly
constexpr int target_percent = 110;   // ... and orders up to 110% of the base
                                      // demand over lead time + a week
constexpr int capacity_percent = 130; // the supplier confirms at most 130%
                                      // of a week's base demand per order
constexpr int late_percent = 14;      // deliveries 2-6 days late
constexpr int very_late_percent = 8;  // deliveries 7-15 days late
constexpr int short_percent = 10;     // deliveries that come in two parts
constexpr int vip_percent = 10;       // orders placed with priority 1
constexpr int max_wait_percent = 30;  // customers who ask for a date up front
constexpr std::array<int, 4> max_wait_days{5, 7, 10, 14};
constexpr int no_patience_percent = 40; // of the others: never cancel
constexpr int patience_min = 7;         // the rest give up after 7-30 days
constexpr int patience_max = 30;
constexpr int max_skips = 8; // FirstFit's anti-starvation bound

long long n(Quantity units) { return static_cast<long long>(units); }

/// Returns the value of a result that must succeed; stops the lab if not.
template <class Result> auto must(Result result) {
  if (!result) {
    std::fprintf(stderr, "policy_lab: unexpected error: %s\n",
                 result.error().message.c_str());
    std::exit(1);
  }
  if constexpr (!std::is_void_v<typename Result::value_type>) {
    return std::move(result).value();
  }
}

// --- the policies -----------------------------------------------------------

enum class PolicyKind { Fifo, Priority, PartialFill, FirstFit, ProRata };

constexpr std::array<PolicyKind, 5> all_policies{
    PolicyKind::Fifo, PolicyKind::Priority, PolicyKind::PartialFill,
    PolicyKind::FirstFit, PolicyKind::ProRata};

const char *name_of(PolicyKind kind) {
  switch (kind) {
  case PolicyKind::Fifo:
    return "Fifo";
  case PolicyKind::Priority:
    return "Priority";
  case PolicyKind::PartialFill:
    return "PartialFill";
  case PolicyKind::FirstFit:
    return "FirstFit";
  case PolicyKind::ProRata:
    return "ProRata";
  }
  return "?";
}

// --- flags ------------------------------------------------------------------

struct Options {
  int days = 120;
  int skus = 12;
  std::uint64_t seed = 42;
  std::vector<PolicyKind> policies{all_policies.begin(), all_policies.end()};
  std::string svg = "policy_lab.svg";
};

void print_help() {
  std::printf(
      "Usage: policy_lab [flags]\n"
      "\n"
      "Plays one season of a shop once per allocation policy, on the same\n"
      "random season, and compares the policies in a table and an SVG chart\n"
      "of the back-order backlog.\n"
      "\n"
      "  --days N       days in the season, 1-3650 (default 120)\n"
      "  --skus N       SKUs in the shop, 1-500 (default 12)\n"
      "  --seed N       seed of the random season, 0-18446744073709551615\n"
      "                 (default 42); the same seed gives the same output\n"
      "  --policy LIST  policies to run, comma-separated: fifo, priority,\n"
      "                 partialfill, firstfit, prorata, or all (default all)\n"
      "  --svg PATH     where to write the chart (default policy_lab.svg)\n"
      "  --help         print this help and exit\n"
      "\n"
      "A flag's value may follow it (--days 90) or an equals sign\n"
      "(--days=90). Invalid flags exit with status 2.\n");
}

[[noreturn]] void usage_error(const std::string &message) {
  std::fprintf(stderr,
               "policy_lab: %s\n"
               "Try 'policy_lab --help' for the flags.\n",
               message.c_str());
  std::exit(2);
}

std::uint64_t parse_number(std::string_view flag, std::string_view text,
                           std::uint64_t low, std::uint64_t high) {
  std::uint64_t value = 0;
  const char *end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc{} || stop != end || value < low ||
      value > high) {
    usage_error(std::string(flag) + " needs a whole number from " +
                std::to_string(low) + " to " + std::to_string(high) +
                ", got '" + std::string(text) + "'");
  }
  return value;
}

std::vector<PolicyKind> parse_policies(std::string_view text) {
  std::vector<PolicyKind> chosen;
  auto add = [&chosen](PolicyKind kind) {
    if (std::find(chosen.begin(), chosen.end(), kind) == chosen.end()) {
      chosen.push_back(kind);
    }
  };
  while (true) {
    const std::size_t comma = text.find(',');
    std::string name(text.substr(0, comma));
    for (char &c : name) {
      if (c >= 'A' && c <= 'Z') {
        c = static_cast<char>(c - 'A' + 'a');
      }
    }
    bool known = false;
    if (name == "all") {
      for (const PolicyKind kind : all_policies) {
        add(kind);
      }
      known = true;
    }
    for (const PolicyKind kind : all_policies) {
      std::string lower = name_of(kind);
      for (char &c : lower) {
        if (c >= 'A' && c <= 'Z') {
          c = static_cast<char>(c - 'A' + 'a');
        }
      }
      if (name == lower) {
        add(kind);
        known = true;
      }
    }
    if (!known) {
      usage_error("--policy: unknown policy '" + name +
                  "'; choose from fifo, priority, partialfill, firstfit, "
                  "prorata, all");
    }
    if (comma == std::string_view::npos) {
      break;
    }
    text.remove_prefix(comma + 1);
  }
  return chosen;
}

Options parse_flags(int argc, char **argv) {
  Options options;
  for (int index = 1; index < argc; ++index) {
    std::string_view arg = argv[index];
    if (arg == "--help" || arg == "-h") {
      print_help();
      std::exit(0);
    }
    if (arg.substr(0, 2) != "--") {
      usage_error("unexpected argument '" + std::string(arg) + "'");
    }
    std::string_view flag = arg;
    std::string_view value;
    bool has_value = false;
    if (const std::size_t equals = arg.find('=');
        equals != std::string_view::npos) {
      flag = arg.substr(0, equals);
      value = arg.substr(equals + 1);
      has_value = true;
    }
    const bool known = flag == "--days" || flag == "--skus" ||
                       flag == "--seed" || flag == "--policy" ||
                       flag == "--svg";
    if (!known) {
      usage_error("unknown flag '" + std::string(flag) + "'");
    }
    if (!has_value) {
      if (index + 1 >= argc) {
        usage_error(std::string(flag) + " needs a value");
      }
      value = argv[++index];
    }
    if (flag == "--days") {
      options.days = static_cast<int>(parse_number(flag, value, 1, 3650));
    } else if (flag == "--skus") {
      options.skus = static_cast<int>(parse_number(flag, value, 1, 500));
    } else if (flag == "--seed") {
      options.seed = parse_number(flag, value, 0,
                                  std::numeric_limits<std::uint64_t>::max());
    } else if (flag == "--policy") {
      options.policies = parse_policies(value);
    } else {
      if (value.empty()) {
        usage_error("--svg needs a file path");
      }
      options.svg = std::string(value);
    }
  }
  return options;
}

// --- the season
// ---------------------------------------------------------------

/// Draws integers from a 64-bit Mersenne Twister (whose output the standard
/// fixes) with a mapping of our own: the std:: distributions differ between
/// standard libraries, and a seed must give the same season everywhere.
class Dice {
public:
  explicit Dice(std::uint64_t seed) : engine_(seed) {}

  /// Returns a number from `low` to `high`, both included.
  template <class Int> Int between(Int low, Int high) {
    const auto span = static_cast<std::uint64_t>(high - low) + 1U;
    return static_cast<Int>(low + static_cast<Int>(engine_() % span));
  }
  /// Returns true `percent` times in a hundred.
  bool chance(int percent) { return between(0, 99) < percent; }

private:
  std::mt19937_64 engine_;
};

/// Describes a SKU and how the shop restocks it.
struct SkuPlan {
  std::string name;
  Quantity rate10 = 0;   ///< mean demand at base level, tenths of a unit a day
  int lead_days = 0;     ///< supplier lead time
  int review_day = 0;    ///< the weekday the shop reviews it
  Quantity target = 0;   ///< order-up-to level
  Quantity pack = 1;     ///< supplier case size
  Quantity capacity = 0; ///< most units the supplier confirms per order
  Quantity initial = 0;  ///< units on hand on day 0
};

/// Describes one customer's order, as drawn for the season.
struct Customer {
  int day = 0;
  int priority = 0; ///< 1 for VIPs
  bool ship_complete = false;
  int max_wait = never; ///< days asked for at placement, or never
  int patience = never; ///< days before the customer gives up, or never
  std::uint32_t first_line = 0;
  std::uint32_t line_count = 0;
};

struct Line {
  std::uint32_t sku = 0;
  Quantity quantity = 0;
};

/// Describes how the supplier handles one weekly purchase order of a SKU.
struct SupplierDraw {
  int delay = 0;         ///< days late
  int notice = 0;        ///< days before the due date the delay is known
  int short_percent = 0; ///< share delivered on the day if short, else 0
  int rest_after = 0;    ///< days until the rest of a short delivery
};

struct Season {
  Options options;
  TimePoint start{};
  std::vector<SkuPlan> skus;
  std::vector<Customer> customers; ///< by order id - 1, by day
  std::vector<Line> lines;
  std::vector<std::uint32_t> day_begin; ///< first customer of each day
  std::vector<std::vector<SupplierDraw>> supplier; ///< per SKU, per review
  int peak_day = 0;
  int peak_width = 1;
  Quantity units_ordered = 0;
  Quantity base_rate10 = 0;

  /// Returns the demand of a day relative to the base, in thousandths: a
  /// triangular peak of +90% around peak_day.
  [[nodiscard]] int demand_permille(int day) const {
    const int distance = day > peak_day ? day - peak_day : peak_day - day;
    if (distance >= peak_width) {
      return 1000;
    }
    return 1000 + peak_extra * (peak_width - distance) / peak_width;
  }
};

/// Draws a line's quantity: mostly single units, some packs, a few bulk
/// buyers. About 4.1 units on average.
Quantity draw_quantity(Dice &dice) {
  const int roll = dice.between(0, 99);
  if (roll < 52) {
    return 1;
  }
  if (roll < 77) {
    return dice.between<Quantity>(2, 3);
  }
  if (roll < 91) {
    return dice.between<Quantity>(4, 9);
  }
  if (roll < 98) {
    return dice.between<Quantity>(10, 24);
  }
  return dice.between<Quantity>(30, 60);
}

/// Mean units of an order, in hundredths: 1.36 lines of about 4.15 units.
constexpr Quantity units_per_order100 = 564;

Season draw_season(const Options &options) {
  Season season;
  season.options = options;
  season.start =
      std::chrono::sys_days{std::chrono::year{2026} / std::chrono::March / 2};
  season.peak_day = options.days * 55 / 100;
  season.peak_width = std::max(1, options.days * 22 / 100);

  // Separate streams, so that e.g. more SKUs do not change the supplier.
  Dice shop_dice(options.seed);
  Dice demand_dice(options.seed ^ 0x9e3779b97f4a7c15U);
  Dice supplier_dice(options.seed ^ 0xc2b2ae3d27d4eb4fU);

  for (int index = 0; index < options.skus; ++index) {
    SkuPlan sku;
    char name[16];
    std::snprintf(name, sizeof name, "SKU-%03d", index + 1);
    sku.name = name;
    // Skewed: many slow sellers, a few fast ones (2.0 to 25.0 a day).
    sku.rate10 = 20 + shop_dice.between<Quantity>(0, 230) *
                          shop_dice.between<Quantity>(0, 100) / 100;
    sku.lead_days = shop_dice.between(5, 14);
    sku.review_day = index % review_days;
    // Enough for the lead time and a week, plus 10%, at base demand.
    sku.target =
        (sku.rate10 * (sku.lead_days + review_days) * target_percent + 999) /
        1000;
    sku.pack = sku.rate10 < 50 ? 6 : sku.rate10 < 150 ? 12 : 24;
    // The supplier confirms at most 130% of a week's base demand per order.
    sku.capacity =
        (sku.rate10 * review_days * capacity_percent / 1000 + sku.pack - 1) /
        sku.pack * sku.pack;
    sku.initial = sku.target * 7 / 10;
    season.base_rate10 += sku.rate10;
    season.skus.push_back(std::move(sku));
  }

  const auto sku_count = static_cast<std::uint32_t>(options.skus);
  season.day_begin.reserve(static_cast<std::size_t>(options.days) + 1);
  for (int day = 0; day < options.days; ++day) {
    season.day_begin.push_back(
        static_cast<std::uint32_t>(season.customers.size()));
    // Orders a day: binomial with mean `expected`, from integer trials.
    const Quantity expected_milli = season.base_rate10 *
                                    season.demand_permille(day) * 100 /
                                    (units_per_order100 * 10);
    const Quantity trials = 4 * (expected_milli / 1000 + 1);
    Quantity orders = 0;
    for (Quantity trial = 0; trial < trials; ++trial) {
      orders +=
          demand_dice.between<Quantity>(0, trials * 1000 - 1) < expected_milli
              ? 1
              : 0;
    }
    for (Quantity count = 0; count < orders; ++count) {
      Customer customer;
      customer.day = day;
      customer.priority = demand_dice.chance(vip_percent) ? 1 : 0;
      const int roll = demand_dice.between(0, 99);
      std::uint32_t wanted = roll < 72 ? 1U : roll < 92 ? 2U : 3U;
      wanted = std::min(wanted, sku_count);
      customer.ship_complete = wanted > 1 && demand_dice.chance(50);
      if (demand_dice.chance(max_wait_percent)) {
        customer.max_wait =
            max_wait_days[static_cast<std::size_t>(demand_dice.between(0, 3))];
        customer.patience = customer.max_wait + demand_dice.between(0, 3);
      } else if (!demand_dice.chance(no_patience_percent)) {
        customer.patience = demand_dice.between(patience_min, patience_max);
      }
      customer.first_line = static_cast<std::uint32_t>(season.lines.size());
      while (customer.line_count < wanted) {
        // A SKU in proportion to its demand, each SKU once per order.
        Quantity pick =
            demand_dice.between<Quantity>(0, season.base_rate10 - 1);
        std::uint32_t sku = 0;
        while (pick >= season.skus[sku].rate10) {
          pick -= season.skus[sku].rate10;
          ++sku;
        }
        bool repeated = false;
        for (std::uint32_t line = 0; line < customer.line_count; ++line) {
          repeated =
              repeated || season.lines[customer.first_line + line].sku == sku;
        }
        if (repeated) {
          continue;
        }
        const Quantity quantity = draw_quantity(demand_dice);
        season.lines.push_back({sku, quantity});
        season.units_ordered += quantity;
        ++customer.line_count;
      }
      season.customers.push_back(customer);
    }
  }
  season.day_begin.push_back(
      static_cast<std::uint32_t>(season.customers.size()));

  // Per SKU and weekly review: how late the order will be (told 0-4 days
  // ahead), and whether it comes short (50-90%) with the rest 3-8 days later.
  const std::size_t reviews =
      static_cast<std::size_t>(options.days / review_days) + 2;
  season.supplier.resize(season.skus.size());
  for (auto &draws : season.supplier) {
    draws.resize(reviews);
    for (SupplierDraw &draw : draws) {
      const int roll = supplier_dice.between(0, 99);
      draw.delay = roll < late_percent ? supplier_dice.between(2, 6)
                   : roll < late_percent + very_late_percent
                       ? supplier_dice.between(7, 15)
                       : 0;
      draw.notice = supplier_dice.between(0, 4);
      if (supplier_dice.chance(short_percent)) {
        draw.short_percent = supplier_dice.between(50, 90);
        draw.rest_after = supplier_dice.between(3, 8);
      }
    }
  }
  return season;
}

// --- one run ----------------------------------------------------------------

enum class Fate : std::uint8_t { Open, Completed, Cancelled, Refused };

struct OrderState {
  Fate fate = Fate::Open;
  std::uint32_t waiting_lines = 0; ///< lines not yet complete
  bool ready_told = false;         ///< in Tally::ready
  bool news_told = false;          ///< in Tally::news
};

struct LineState {
  int completed_day = -1; ///< the day the line got its last unit
  bool filled_on_placement = false;
};

/// What one run observes; the listener feeds it.
struct Tally {
  const Season *season = nullptr;
  int today = 0;
  OrderId placing = 0;            ///< the order being placed, or 0
  std::vector<OrderState> orders; ///< by order id - 1
  std::vector<LineState> lines;   ///< as Season::lines
  std::vector<OrderId> ready;     ///< orders told ready, to ship tonight
  std::vector<OrderId> news;      ///< orders whose promise slipped
  std::size_t slips = 0;          ///< line promises that moved later

  explicit Tally(const Season &of)
      : season(&of), orders(of.customers.size()), lines(of.lines.size()) {}

  [[nodiscard]] const Customer &customer(OrderId id) const {
    return season->customers[static_cast<std::size_t>(id - 1)];
  }
  OrderState &order(OrderId id) {
    return orders[static_cast<std::size_t>(id - 1)];
  }
  LineState &line(OrderId id, std::uint32_t index) {
    return lines[customer(id).first_line + index];
  }
};

/// Tells the tally when lines complete, orders may ship and promises slip.
struct Recorder {
  Tally *tally = nullptr;

  void on(const backorder::LineAllocated<Traits> &event) const {
    if (event.backordered != 0) {
      return;
    }
    LineState &line = tally->line(event.order_id, event.line);
    line.completed_day = tally->today;
    line.filled_on_placement = tally->placing == event.order_id;
    if (!line.filled_on_placement) {
      --tally->order(event.order_id).waiting_lines;
    }
  }

  void on(const backorder::OrderReady<Traits> &event) const {
    OrderState &order = tally->order(event.order_id);
    if (!order.ready_told) {
      order.ready_told = true;
      tally->ready.push_back(event.order_id);
    }
  }

  void on(const backorder::PromiseMoved<Traits> &event) const {
    if (!event.to.later_than(event.from)) {
      return;
    }
    ++tally->slips;
    OrderState &order = tally->order(event.order_id);
    if (!order.news_told) {
      order.news_told = true;
      tally->news.push_back(event.order_id);
    }
  }
};

/// Describes the waits of one kind of back-ordered line.
struct ClassWait {
  double mean = 0;
  std::size_t count = 0;
};

/// Describes what a run measured.
struct Outcome {
  PolicyKind policy = PolicyKind::Fifo;
  std::size_t lines_placed = 0;
  std::size_t lines_filled_on_placement = 0;
  Quantity units_ordered = 0; ///< by every customer, refused ones too
  Quantity units_shipped = 0;
  Quantity units_shipped_early = 0;
  std::vector<int> waits; ///< days, of back-ordered lines, sorted
  double wait_mean = 0;
  int wait_p95 = 0;
  int wait_max = 0;
  ClassWait wait_vip;
  ClassWait wait_regular;
  ClassWait wait_small; ///< lines of 1-3 units
  ClassWait wait_large; ///< lines of 10 units or more
  std::size_t completed = 0;
  std::size_t cancelled = 0;
  std::size_t refused = 0;
  std::size_t open_at_end = 0;
  std::size_t promise_slips = 0;
  Quantity idle_unit_days = 0;
  std::vector<Quantity> backlog; ///< units back-ordered at each day's end
  Quantity peak_backlog = 0;
  int peak_backlog_day = 0;

  /// Returns the share of the units ordered that shipped, in percent.
  [[nodiscard]] double fill_rate() const {
    return units_ordered == 0 ? 0.0
                              : 100.0 * static_cast<double>(units_shipped) /
                                    static_cast<double>(units_ordered);
  }
};

/// Shows progress on stderr once a run has taken a second: a line that
/// redraws itself on a terminal, else one line per policy.
class Progress {
public:
  Progress(std::size_t runs, int days)
      : runs_(runs), days_(days), start_(Clock::now()),
#if defined(_WIN32)
        terminal_(_isatty(_fileno(stderr)) != 0)
#else
        terminal_(isatty(fileno(stderr)) != 0)
#endif
  {
  }

  /// Notes that `policy` (run `run`, from 0) reached `day`.
  void update(const char *policy, std::size_t run, int day) {
    const auto now = Clock::now();
    if (now - start_ < std::chrono::seconds(1)) {
      return;
    }
    if (terminal_) {
      if (drawn_ && now - last_ < std::chrono::milliseconds(100)) {
        return;
      }
      last_ = now;
      drawn_ = true;
      std::fprintf(stderr,
                   "\rpolicy_lab: %-11s day %4d of %d (policy %zu of %zu)",
                   policy, day + 1, days_, run + 1, runs_);
      std::fflush(stderr);
    } else if (!told_ || run != told_run_) {
      told_ = true;
      told_run_ = run;
      std::fprintf(stderr, "policy_lab: simulating %s (policy %zu of %zu)\n",
                   policy, run + 1, runs_);
    }
  }

  /// Clears the progress line.
  void finish() const {
    if (drawn_) {
      std::fprintf(stderr, "\r%70s\r", "");
      std::fflush(stderr);
    }
  }

private:
  using Clock = std::chrono::steady_clock;
  std::size_t runs_;
  int days_;
  Clock::time_point start_;
  Clock::time_point last_{};
  bool terminal_;
  bool drawn_ = false;
  bool told_ = false;
  std::size_t told_run_ = 0;
};

/// Holds a purchase order the supplier has not completed.
struct Delivery {
  backorder::InboundId id = 0;
  int arrives = 0;   ///< the day units come
  int announce = -1; ///< the day the delay is told, or -1
  SupplierDraw draw;
  Quantity ordered = 0;
};

double mean_of(Quantity sum, std::size_t count) {
  return count == 0 ? 0.0
                    : static_cast<double>(sum) / static_cast<double>(count);
}

/// Plays the season under one policy.
template <class Policy>
Outcome simulate(const Season &season, Policy policy, PolicyKind kind,
                 std::size_t run, Progress &progress) {
  using Shop = backorder::Inventory<Policy, Traits, Recorder>;
  Tally tally(season);
  Shop shop(policy, Recorder{&tally}, backorder::ManualClock(season.start));
  Outcome outcome;
  outcome.policy = kind;
  outcome.units_ordered = season.units_ordered;
  const int days = season.options.days;
  outcome.backlog.reserve(static_cast<std::size_t>(days));

  for (const SkuPlan &sku : season.skus) {
    Config config;
    config.lead_time = Days(sku.lead_days + review_days);
    must(shop.add_sku(sku.name, config));
    must(shop.receive(sku.name, sku.initial));
  }

  std::vector<Delivery> deliveries;
  std::vector<OrderId> impatient; // open orders of customers who may give up
  backorder::Order<Traits> order;
  auto date = [&season](int day) { return season.start + Days(day); };
  auto cancel = [&](OrderId id) {
    must(shop.cancel(id));
    tally.order(id).fate = Fate::Cancelled;
    ++outcome.cancelled;
  };
  auto gives_up = [&](OrderId id, int by_day) {
    const auto promise = must(shop.promise(id)).complete_by;
    return !promise.known() || promise.date > date(by_day);
  };

  for (int day = 0; day < days; ++day) {
    progress.update(name_of(kind), run, day);
    if (day > 0) {
      shop.clock().advance(Days(1));
    }
    tally.today = day;

    // Morning: the supplier tells delays and delivers.
    for (std::size_t index = 0; index < deliveries.size();) {
      Delivery &delivery = deliveries[index];
      if (delivery.announce == day) {
        must(shop.reschedule(delivery.id, date(delivery.arrives)));
      }
      if (delivery.arrives != day) {
        ++index;
        continue;
      }
      if (delivery.draw.short_percent > 0) {
        const Quantity part = std::max<Quantity>(
            1, delivery.ordered * delivery.draw.short_percent / 100);
        const auto receipt = must(shop.receive_inbound(delivery.id, part));
        if (!receipt.closed) {
          delivery.draw.short_percent = 0;
          delivery.arrives = day + delivery.draw.rest_after;
          must(shop.reschedule(delivery.id, date(delivery.arrives)));
          ++index;
          continue;
        }
      } else {
        const Quantity rest = must(shop.inbound(delivery.id)).units;
        must(shop.receive_inbound(delivery.id, rest));
      }
      deliveries.erase(deliveries.begin() + static_cast<std::ptrdiff_t>(index));
    }

    // The weekly review: order up to the target, in whole cases.
    for (std::size_t index = 0; index < season.skus.size(); ++index) {
      const SkuPlan &sku = season.skus[index];
      if (day % review_days != sku.review_day) {
        continue;
      }
      const auto level = must(shop.stock(sku.name));
      const Quantity position =
          level.available - level.backordered + level.inbound;
      if (position >= sku.target) {
        continue;
      }
      const Quantity cases = (sku.target - position + sku.pack - 1) / sku.pack;
      Delivery delivery;
      delivery.ordered = std::min(cases * sku.pack, sku.capacity);
      delivery.draw =
          season.supplier[index][static_cast<std::size_t>(day / review_days)];
      const int due = day + sku.lead_days;
      delivery.id = must(shop.expect(sku.name, delivery.ordered, date(due)));
      delivery.arrives = due + delivery.draw.delay;
      if (delivery.draw.delay > 0) {
        delivery.announce = std::max(day + 1, due - delivery.draw.notice);
      }
      deliveries.push_back(delivery);
    }

    // Daytime: customers order.
    for (std::uint32_t index = season.day_begin[static_cast<std::size_t>(day)];
         index < season.day_begin[static_cast<std::size_t>(day) + 1]; ++index) {
      const Customer &customer = season.customers[index];
      const OrderId id = index + 1U;
      order.id = id;
      order.priority = customer.priority;
      order.ship_complete = customer.ship_complete;
      order.max_wait.reset();
      if (customer.max_wait != never) {
        order.max_wait = Days(customer.max_wait);
      }
      order.lines.clear();
      for (std::uint32_t line = 0; line < customer.line_count; ++line) {
        const Line &wanted = season.lines[customer.first_line + line];
        order.lines.push_back({season.skus[wanted.sku].name, wanted.quantity});
      }
      tally.placing = id;
      const auto placed = shop.place(order);
      tally.placing = 0;
      OrderState &state = tally.order(id);
      if (!placed) {
        if (placed.error().code != backorder::Errc::WaitTooLong) {
          must(std::move(placed));
        }
        state.fate = Fate::Refused;
        ++outcome.refused;
        continue;
      }
      outcome.lines_placed += customer.line_count;
      for (std::uint32_t line = 0; line < customer.line_count; ++line) {
        if (tally.line(id, line).filled_on_placement) {
          ++outcome.lines_filled_on_placement;
        } else {
          ++state.waiting_lines;
        }
      }
      if (state.waiting_lines > 0 && customer.patience != never) {
        impatient.push_back(id);
      }
    }

    // Evening: ship what may ship.
    std::vector<OrderId> shipping;
    shipping.swap(tally.ready);
    for (const OrderId id : shipping) {
      OrderState &state = tally.order(id);
      state.ready_told = false;
      if (state.fate != Fate::Open) {
        continue;
      }
      const auto shipment =
          must(shop.ship(id, [&](const backorder::ShippedLine<Traits> &line) {
            if (tally.line(id, line.line).completed_day < 0) {
              outcome.units_shipped_early += line.units;
            }
          }));
      outcome.units_shipped += shipment.units;
      if (shipment.order_closed) {
        state.fate = Fate::Completed;
        ++outcome.completed;
      }
    }

    // Night: customers whose promise slipped past their patience, or whose
    // patience ran out, cancel what has not shipped.
    std::vector<OrderId> told;
    told.swap(tally.news);
    for (const OrderId id : told) {
      OrderState &state = tally.order(id);
      state.news_told = false;
      const Customer &customer = tally.customer(id);
      if (state.fate == Fate::Open && state.waiting_lines > 0 &&
          customer.patience != never &&
          gives_up(id, customer.day + customer.patience)) {
        cancel(id);
      }
    }
    std::erase_if(impatient, [&](OrderId id) {
      OrderState &state = tally.order(id);
      if (state.fate != Fate::Open || state.waiting_lines == 0) {
        return true;
      }
      const Customer &customer = tally.customer(id);
      if (day >= customer.day + customer.patience) {
        cancel(id);
        return true;
      }
      return false;
    });

    // Midnight: the books.
    Quantity backlog = 0;
    shop.for_each_sku([&](const auto &, const auto &level) {
      backlog += level.backordered;
      if (level.waiting_lines > 0) {
        outcome.idle_unit_days += level.available;
      }
    });
    outcome.backlog.push_back(backlog);
    if (backlog > outcome.peak_backlog) {
      outcome.peak_backlog = backlog;
      outcome.peak_backlog_day = day;
    }
  }

  if (const auto broken = shop.check_invariants()) {
    std::fprintf(stderr, "policy_lab: BROKEN BOOKS under %s: %s\n",
                 name_of(kind), broken->c_str());
    std::exit(1);
  }

  // Waits of back-ordered lines: until complete, or so far for lines still
  // waiting at the end; lines of cancelled orders that never completed do
  // not count (they are lost sales).
  Quantity sum = 0;
  std::array<Quantity, 4> class_sum{};
  std::array<std::size_t, 4> class_count{};
  for (std::size_t index = 0; index < season.customers.size(); ++index) {
    const Customer &customer = season.customers[index];
    const OrderState &state = tally.orders[index];
    if (state.fate == Fate::Refused) {
      continue;
    }
    if (state.fate == Fate::Open) {
      ++outcome.open_at_end;
    }
    for (std::uint32_t line = 0; line < customer.line_count; ++line) {
      const LineState &line_state = tally.lines[customer.first_line + line];
      if (line_state.filled_on_placement) {
        continue;
      }
      int wait = 0;
      if (line_state.completed_day >= 0) {
        wait = line_state.completed_day - customer.day;
      } else if (state.fate == Fate::Open) {
        wait = days - 1 - customer.day;
      } else {
        continue;
      }
      outcome.waits.push_back(wait);
      sum += wait;
      const Quantity quantity =
          season.lines[customer.first_line + line].quantity;
      const std::size_t who = customer.priority > 0 ? 0 : 1;
      class_sum[who] += wait;
      ++class_count[who];
      if (quantity <= 3 || quantity >= 10) {
        const std::size_t size = quantity <= 3 ? 2 : 3;
        class_sum[size] += wait;
        ++class_count[size];
      }
    }
  }
  outcome.promise_slips = tally.slips;
  std::sort(outcome.waits.begin(), outcome.waits.end());
  if (!outcome.waits.empty()) {
    const std::size_t count = outcome.waits.size();
    outcome.wait_mean = mean_of(sum, count);
    outcome.wait_p95 = outcome.waits[(count * 95 + 99) / 100 - 1];
    outcome.wait_max = outcome.waits.back();
  }
  outcome.wait_vip = {mean_of(class_sum[0], class_count[0]), class_count[0]};
  outcome.wait_regular = {mean_of(class_sum[1], class_count[1]),
                          class_count[1]};
  outcome.wait_small = {mean_of(class_sum[2], class_count[2]), class_count[2]};
  outcome.wait_large = {mean_of(class_sum[3], class_count[3]), class_count[3]};
  return outcome;
}

Outcome run_policy(const Season &season, PolicyKind kind, std::size_t run,
                   Progress &progress) {
  switch (kind) {
  case PolicyKind::Fifo:
    return simulate(season, backorder::Fifo{}, kind, run, progress);
  case PolicyKind::Priority:
    return simulate(season, backorder::Priority{}, kind, run, progress);
  case PolicyKind::PartialFill:
    return simulate(season, backorder::PartialFill{}, kind, run, progress);
  case PolicyKind::FirstFit:
    return simulate(season, backorder::FirstFit{max_skips}, kind, run,
                    progress);
  case PolicyKind::ProRata:
    return simulate(season, backorder::ProRata{}, kind, run, progress);
  }
  return {};
}

// --- the report -------------------------------------------------------------

std::string date_text(TimePoint when) {
  static constexpr std::array<const char *, 12> months{
      "Jan", "Feb", "Mar", "Apr", "May", "Jun",
      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::chrono::year_month_day ymd{
      std::chrono::floor<std::chrono::days>(when)};
  char text[32];
  std::snprintf(text, sizeof text, "%u %s %d", static_cast<unsigned>(ymd.day()),
                months[static_cast<unsigned>(ymd.month()) - 1U],
                static_cast<int>(ymd.year()));
  return text;
}

double percent(Quantity part, Quantity whole) {
  return whole == 0
             ? 0.0
             : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

void print_header(const Season &season) {
  const Options &options = season.options;
  Quantity slowest = season.skus.front().rate10;
  Quantity fastest = slowest;
  int shortest = season.skus.front().lead_days;
  int longest = shortest;
  for (const SkuPlan &sku : season.skus) {
    slowest = std::min(slowest, sku.rate10);
    fastest = std::max(fastest, sku.rate10);
    shortest = std::min(shortest, sku.lead_days);
    longest = std::max(longest, sku.lead_days);
  }
  Quantity vips = 0;
  Quantity asking = 0;
  Quantity patient = 0;
  for (const Customer &customer : season.customers) {
    vips += customer.priority > 0 ? 1 : 0;
    asking += customer.max_wait != never ? 1 : 0;
    patient += customer.patience == never ? 1 : 0;
  }
  const auto customers = static_cast<Quantity>(season.customers.size());

  std::printf("Policy lab: one season of a shop, played under each allocation "
              "policy\n\n");
  std::printf("  season     %d days from %s, seed %llu; demand peaks at +%d%% "
              "on day %d\n",
              options.days, date_text(season.start).c_str(),
              static_cast<unsigned long long>(options.seed), peak_extra / 10,
              season.peak_day);
  std::printf("  shop       %d SKUs, %lld.%lld-%lld.%lld units a day each at "
              "base demand (%lld.%lld in all)\n",
              options.skus, n(slowest / 10), n(slowest % 10), n(fastest / 10),
              n(fastest % 10), n(season.base_rate10 / 10),
              n(season.base_rate10 % 10));
  std::printf("             reviewed weekly and ordered up to %d%% of the "
              "base demand over\n",
              target_percent);
  std::printf("             the lead time and a week\n");
  std::printf("  supplier   lead times %d-%d days; confirms at most %d%% of a "
              "week's base demand\n",
              shortest, longest, capacity_percent);
  std::printf("             per order; %d%% of deliveries 2-15 days late (told "
              "0-4 days ahead),\n",
              late_percent + very_late_percent);
  std::printf("             %d%% short by 10-50%% (the rest 3-8 days later)\n",
              short_percent);
  std::printf("  customers  %lld orders, %zu lines, %lld units; %.1f%% VIP "
              "(priority 1);\n",
              n(customers), season.lines.size(), n(season.units_ordered),
              percent(vips, customers));
  std::printf("             %.1f%% want a date within %d-%d days (max_wait); "
              "%.1f%% never cancel;\n",
              percent(asking, customers), max_wait_days.front(),
              max_wait_days.back(), percent(patient, customers));
  std::printf("             the rest cancel once their promise passes %d-%d "
              "days\n",
              patience_min, patience_max);
  std::printf("  policies   ");
  int column = 13;
  for (std::size_t index = 0; index < options.policies.size(); ++index) {
    const PolicyKind kind = options.policies[index];
    char text[64];
    std::snprintf(text, sizeof text, "%s%s%s", name_of(kind),
                  kind == PolicyKind::FirstFit  ? "{max_skips=8}"
                  : kind == PolicyKind::ProRata ? "{min_share=0, "
                                                  "leftover=LargestRemainder}"
                                                : "",
                  index + 1 < options.policies.size() ? "," : "");
    const int length = static_cast<int>(std::string_view(text).size());
    if (index > 0 && column + 1 + length > 80) {
      std::printf("\n             ");
      column = 13;
    } else if (index > 0) {
      std::printf(" ");
      ++column;
    }
    std::printf("%s", text);
    column += length;
  }
  std::printf("\n\n");
}

/// Returns a mean wait as "7.1", or "-" when no line of the kind waited.
std::string wait_text(double mean, std::size_t count) {
  if (count == 0) {
    return "-";
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", mean);
  return text;
}

void print_tables(const std::vector<Outcome> &outcomes) {
  std::printf("              lines filled    fill   back-order wait (d)"
              "     orders     orders  orders  idle stock\n");
  std::printf("policy        on placement    rate   mean   p95   max"
              "  completed  cancelled refused   unit-days\n");
  for (const Outcome &o : outcomes) {
    std::printf("%-11s %8zu %5.1f%%  %5.1f%%  %5.1f %5d %5d  %9zu  %9zu %7zu"
                " %11lld\n",
                name_of(o.policy), o.lines_filled_on_placement,
                percent(static_cast<Quantity>(o.lines_filled_on_placement),
                        static_cast<Quantity>(o.lines_placed)),
                o.fill_rate(), o.wait_mean, o.wait_p95, o.wait_max, o.completed,
                o.cancelled, o.refused, n(o.idle_unit_days));
  }
  std::printf("\n");
  std::printf("             mean back-order wait (d)  units shipped  promises"
              "   backlog (units)  orders\n");
  std::printf(
      "policy         VIP others  1-3 u  10+ u  before complete   slipped"
      "  peak (day)   end  open\n");
  for (const Outcome &o : outcomes) {
    std::printf("%-11s  %5s  %5s  %5s  %5s  %14lld  %8zu  %6lld (%3d) %5lld"
                "  %4zu\n",
                name_of(o.policy),
                wait_text(o.wait_vip.mean, o.wait_vip.count).c_str(),
                wait_text(o.wait_regular.mean, o.wait_regular.count).c_str(),
                wait_text(o.wait_small.mean, o.wait_small.count).c_str(),
                wait_text(o.wait_large.mean, o.wait_large.count).c_str(),
                n(o.units_shipped_early), o.promise_slips, n(o.peak_backlog),
                o.peak_backlog_day, n(o.backlog.empty() ? 0 : o.backlog.back()),
                o.open_at_end);
  }
  std::printf("\n");
}

/// Lists the policies that share the best value of a measure.
template <class Measure>
std::vector<PolicyKind> best_by(const std::vector<Outcome> &outcomes,
                                Measure measure, bool higher_is_better) {
  std::vector<PolicyKind> best;
  double best_value = 0;
  for (const Outcome &o : outcomes) {
    const double value = measure(o);
    const bool better =
        higher_is_better ? value > best_value : value < best_value;
    if (best.empty() || better) {
      best.assign(1, o.policy);
      best_value = value;
    } else if (value == best_value) {
      best.push_back(o.policy);
    }
  }
  return best;
}

bool contains(const std::vector<PolicyKind> &kinds, PolicyKind kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

/// Joins phrases as "a", "a and b", "a, b and c".
std::string joined(const std::vector<std::string> &phrases) {
  std::string text;
  for (std::size_t index = 0; index < phrases.size(); ++index) {
    if (index > 0) {
      text += index + 1 == phrases.size() ? " and " : ", ";
    }
    text += phrases[index];
  }
  return text;
}

/// Prints `text` wrapped at 78 columns, each line indented by two spaces.
void print_wrapped(const std::string &text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = std::min(text.size(), begin + 76);
    if (end < text.size()) {
      const std::size_t space = text.rfind(' ', end);
      if (space != std::string::npos && space > begin) {
        end = space;
      }
    }
    std::printf("  %s\n", text.substr(begin, end - begin).c_str());
    begin = end;
    while (begin < text.size() && text[begin] == ' ') {
      ++begin;
    }
  }
}

/// Returns `pattern` (with up to two %f conversions) filled in.
/// Returns a number as the report shows it, to one decimal, so that values
/// that print alike compare alike.
double shown(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.1f", value);
  return std::strtod(text, nullptr);
}

/// Returns " (with A and B)" for the policies other than `self`, or "".
std::string shared_with(const std::vector<PolicyKind> &kinds, PolicyKind self) {
  std::vector<std::string> others;
  for (const PolicyKind kind : kinds) {
    if (kind != self) {
      others.emplace_back(name_of(kind));
    }
  }
  return others.empty() ? "" : " (with " + joined(others) + ")";
}

std::string format(const char *pattern, double a, double b = 0) {
  const int size = std::snprintf(nullptr, 0, pattern, a, b);
  std::string text(static_cast<std::size_t>(std::max(size, 0)) + 1, '\0');
  std::snprintf(text.data(), text.size(), pattern, a, b);
  text.pop_back();
  return text;
}

void print_meaning(const std::vector<Outcome> &outcomes) {
  struct Measure {
    const char *best;
    const char *worst;
    double (*value)(const Outcome &);
    bool higher_is_better;
  };
  const std::array<Measure, 7> measures{{
      {"the best fill rate", "the lowest fill rate",
       [](const Outcome &o) { return shown(o.fill_rate()); }, true},
      {"the shortest mean wait", "the longest mean wait",
       [](const Outcome &o) { return shown(o.wait_mean); }, false},
      {"the shortest 95th-percentile wait", "the longest 95th-percentile wait",
       [](const Outcome &o) { return static_cast<double>(o.wait_p95); }, false},
      {"the shortest maximum wait", "the longest maximum wait",
       [](const Outcome &o) { return static_cast<double>(o.wait_max); }, false},
      {"the fewest cancellations", "the most cancellations",
       [](const Outcome &o) { return static_cast<double>(o.cancelled); },
       false},
      {"the fewest refusals", "the most refusals",
       [](const Outcome &o) { return static_cast<double>(o.refused); }, false},
      {"the fewest slipped promises", "the most slipped promises",
       [](const Outcome &o) { return static_cast<double>(o.promise_slips); },
       false},
  }};

  // One kind of line waits "longer" than another from 25% more on.
  constexpr double unfair = 1.25;
  std::printf("What this means\n\n");
  const bool compared = outcomes.size() > 1;
  for (const Outcome &o : outcomes) {
    std::string text = std::string(name_of(o.policy)) + ": ";
    text += format("fills %.1f%% of lines on placement and ships %.1f%% of "
                   "the units ordered.",
                   percent(static_cast<Quantity>(o.lines_filled_on_placement),
                           static_cast<Quantity>(o.lines_placed)),
                   o.fill_rate());
    if (compared) {
      std::vector<std::string> best;
      std::vector<std::string> worst;
      for (const Measure &measure : measures) {
        const auto top =
            best_by(outcomes, measure.value, measure.higher_is_better);
        const auto bottom =
            best_by(outcomes, measure.value, !measure.higher_is_better);
        if (top.size() == outcomes.size()) {
          continue; // all equal: nothing to say
        }
        if (contains(top, o.policy)) {
          best.push_back(measure.best + shared_with(top, o.policy));
        } else if (contains(bottom, o.policy)) {
          worst.push_back(measure.worst + shared_with(bottom, o.policy));
        }
      }
      if (!best.empty()) {
        text += " It has " + joined(best) + ".";
      }
      if (!worst.empty()) {
        text += std::string(best.empty() ? " It has " : " It also has ") +
                joined(worst) + ".";
      }
    }
    const ClassWait &vip = o.wait_vip;
    const ClassWait &others = o.wait_regular;
    if (vip.count > 0 && others.count > 0) {
      if (others.mean >= vip.mean * unfair) {
        text += format(" VIPs wait %.1f days on average, everyone else %.1f: "
                       "it is fair to VIPs at the others' expense.",
                       vip.mean, others.mean);
      } else if (vip.mean >= others.mean * unfair) {
        text += format(" VIPs wait longer than everyone else (%.1f against "
                       "%.1f days).",
                       vip.mean, others.mean);
      } else {
        text += format(" It treats VIPs and other customers alike (%.1f and "
                       "%.1f days).",
                       vip.mean, others.mean);
      }
    }
    const ClassWait &small = o.wait_small;
    const ClassWait &large = o.wait_large;
    if (small.count > 0 && large.count > 0) {
      if (large.mean >= small.mean * unfair) {
        text += format(" Big lines (10+ units) wait %.1f days, small ones "
                       "(1-3 units) %.1f: it favours small buyers.",
                       large.mean, small.mean);
      } else if (small.mean >= large.mean * unfair) {
        text += format(" Small lines (1-3 units) wait %.1f days, big ones "
                       "(10+ units) %.1f: it favours big buyers.",
                       small.mean, large.mean);
      } else {
        text += format(" Small (1-3 units) and big (10+ units) lines wait "
                       "alike (%.1f and %.1f days).",
                       small.mean, large.mean);
      }
    }
    if (o.units_shipped_early > 0) {
      text += " " + std::to_string(o.units_shipped_early) +
              " units reached customers before their line was complete.";
    }
    if (o.idle_unit_days > 0) {
      text += " Stock sat idle while lines waited (" +
              std::to_string(o.idle_unit_days) +
              " unit-days): units that would complete none of the lines "
              "allowed to take them.";
    }
    print_wrapped(text);
    std::printf("\n");
  }
}

// --- the chart --------------------------------------------------------------

const char *colour_of(PolicyKind kind) {
  switch (kind) {
  case PolicyKind::Fifo:
    return "#1f77b4";
  case PolicyKind::Priority:
    return "#d62728";
  case PolicyKind::PartialFill:
    return "#2ca02c";
  case PolicyKind::FirstFit:
    return "#ff7f0e";
  case PolicyKind::ProRata:
    return "#9467bd";
  }
  return "#000000";
}

/// Returns a tick step of 1, 2 or 5 times a power of ten that cuts `range`
/// into at most `ticks` parts.
Quantity tick_step(Quantity range, Quantity ticks) {
  Quantity power = 1;
  while (true) {
    for (const Quantity factor : {1, 2, 5}) {
      if (power * factor * ticks >= range) {
        return power * factor;
      }
    }
    power *= 10;
  }
}

/// Writes the backlog chart; returns false when the file cannot be written.
bool write_svg(const Season &season, const std::vector<Outcome> &outcomes,
               const std::string &path) {
  std::FILE *file = std::fopen(path.c_str(), "w");
  if (file == nullptr) {
    return false;
  }
  constexpr double width = 860;
  constexpr double height = 460;
  constexpr double left = 70;
  constexpr double right = 170;
  constexpr double top = 50;
  constexpr double bottom = 60;
  constexpr double plot_w = width - left - right;
  constexpr double plot_h = height - top - bottom;
  const int days = season.options.days;

  Quantity highest = 1;
  for (const Outcome &o : outcomes) {
    highest = std::max(highest, o.peak_backlog);
  }
  highest += highest / 20; // headroom above the highest curve
  const Quantity y_step = tick_step(highest, 8);
  const Quantity y_max = (highest + y_step - 1) / y_step * y_step;
  const Quantity x_step = tick_step(std::max(1, days - 1), 10);
  const double x_span = std::max(1, days - 1);
  auto x_of = [&](double day) { return left + plot_w * day / x_span; };
  auto y_of = [&](Quantity units) {
    return top + plot_h -
           plot_h * static_cast<double>(units) / static_cast<double>(y_max);
  };

  std::fprintf(file,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
               "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
               "font-family=\"sans-serif\" font-size=\"12\">\n",
               width, height, width, height);
  std::fprintf(file, "<title>Back-order backlog per policy</title>\n");
  std::fprintf(file, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"white\"/>\n",
               width, height);
  std::fprintf(file,
               "<text x=\"%.0f\" y=\"24\" font-size=\"15\" "
               "font-weight=\"bold\">Units on back order at the end of each "
               "day</text>\n",
               left);
  std::fprintf(file,
               "<text x=\"%.0f\" y=\"40\" fill=\"#555\">%d SKUs, %d days "
               "from %s, seed %llu</text>\n",
               left, season.options.skus, days, date_text(season.start).c_str(),
               static_cast<unsigned long long>(season.options.seed));

  // The demand peak, shaded.
  const double peak_from = std::max(0, season.peak_day - season.peak_width);
  const double peak_to =
      std::min(days - 1, season.peak_day + season.peak_width);
  if (peak_to > peak_from) {
    std::fprintf(file,
                 "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                 "fill=\"#f3efe0\"/>\n",
                 x_of(peak_from), top, x_of(peak_to) - x_of(peak_from), plot_h);
    std::fprintf(file,
                 "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                 "fill=\"#8a7a40\">demand peak</text>\n",
                 (x_of(peak_from) + x_of(peak_to)) / 2, top + plot_h - 8);
  }

  // Grid and axes.
  for (Quantity units = 0; units <= y_max; units += y_step) {
    std::fprintf(file,
                 "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                 "stroke=\"#ddd\"/>\n",
                 left, y_of(units), left + plot_w, y_of(units));
    std::fprintf(
        file, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%lld</text>\n",
        left - 6, y_of(units) + 4, n(units));
  }
  for (Quantity day = 0; day < days; day += x_step) {
    const double x = x_of(static_cast<double>(day));
    std::fprintf(file,
                 "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                 "stroke=\"#999\"/>\n",
                 x, top + plot_h, x, top + plot_h + 5);
    std::fprintf(file,
                 "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%lld"
                 "</text>\n",
                 x, top + plot_h + 19, n(day));
  }
  std::fprintf(file,
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
               "fill=\"none\" stroke=\"#999\"/>\n",
               left, top, plot_w, plot_h);
  std::fprintf(file,
               "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">day of the "
               "season</text>\n",
               left + plot_w / 2, height - 16);
  std::fprintf(file,
               "<text transform=\"translate(18 %.1f) rotate(-90)\" "
               "text-anchor=\"middle\">units back-ordered</text>\n",
               top + plot_h / 2);

  // One curve per policy, and the legend.
  double legend_y = top + 10;
  for (const Outcome &o : outcomes) {
    std::fprintf(file,
                 "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" "
                 "stroke-linejoin=\"round\" points=\"",
                 colour_of(o.policy));
    for (std::size_t day = 0; day < o.backlog.size(); ++day) {
      std::fprintf(file, "%s%.1f,%.1f", day == 0 ? "" : " ",
                   x_of(static_cast<double>(day)), y_of(o.backlog[day]));
    }
    std::fprintf(file, "\"><title>%s</title></polyline>\n", name_of(o.policy));
    const double legend_x = left + plot_w + 16;
    std::fprintf(file,
                 "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                 "stroke=\"%s\" stroke-width=\"3\"/>\n",
                 legend_x, legend_y, legend_x + 22, legend_y,
                 colour_of(o.policy));
    std::fprintf(file, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", legend_x + 28,
                 legend_y + 4, name_of(o.policy));
    legend_y += 20;
  }
  std::fprintf(file, "</svg>\n");
  return std::fclose(file) == 0;
}

} // namespace

int main(int argc, char **argv) {
  const Options options = parse_flags(argc, argv);
  const Season season = draw_season(options);
  print_header(season);

  Progress progress(options.policies.size(), options.days);
  std::vector<Outcome> outcomes;
  for (std::size_t run = 0; run < options.policies.size(); ++run) {
    outcomes.push_back(
        run_policy(season, options.policies[run], run, progress));
  }
  progress.finish();

  print_tables(outcomes);
  print_meaning(outcomes);

  if (!write_svg(season, outcomes, options.svg)) {
    std::fprintf(stderr, "policy_lab: cannot write the chart to %s\n",
                 options.svg.c_str());
    return 1;
  }
  std::error_code error;
  const std::filesystem::path where =
      std::filesystem::absolute(options.svg, error);
  std::printf("Chart of the backlog per policy: %s\n",
              error ? options.svg.c_str() : where.string().c_str());
  return 0;
}
