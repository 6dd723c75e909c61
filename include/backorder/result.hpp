#pragma once

#include "config.hpp"
#include "fwd.hpp"

#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace backorder {
inline namespace BACKORDER_ABI {

/// Names why an operation was refused.
enum class Errc {
  UnknownSku,
  DuplicateSku,
  UnknownOrder,
  DuplicateOrder,
  UnknownInbound,
  InvalidQuantity,
  QuantityOverflow,
  EmptyOrder,
  OutOfStock,
  BackorderLimitExceeded,
  WaitTooLong,
  NothingToShip,
};

/// Returns the enumerator's name, e.g. "OutOfStock".
constexpr std::string_view to_string(Errc code) noexcept {
  switch (code) {
  case Errc::UnknownSku:
    return "UnknownSku";
  case Errc::DuplicateSku:
    return "DuplicateSku";
  case Errc::UnknownOrder:
    return "UnknownOrder";
  case Errc::DuplicateOrder:
    return "DuplicateOrder";
  case Errc::UnknownInbound:
    return "UnknownInbound";
  case Errc::InvalidQuantity:
    return "InvalidQuantity";
  case Errc::QuantityOverflow:
    return "QuantityOverflow";
  case Errc::EmptyOrder:
    return "EmptyOrder";
  case Errc::OutOfStock:
    return "OutOfStock";
  case Errc::BackorderLimitExceeded:
    return "BackorderLimitExceeded";
  case Errc::WaitTooLong:
    return "WaitTooLong";
  case Errc::NothingToShip:
    return "NothingToShip";
  }
  return "Unknown";
}

/// Describes a refused operation: a code to branch on and a message that
/// names the SKU, order or value at fault.
struct Error {
  Errc code;
  std::string message;

  friend bool operator==(const Error &, const Error &) = default;
};

/// Holds either the value of a successful operation or the error that
/// refused it (an expected-like type that never throws). E is Error or a
/// type derived from it that carries more detail.
template <class T, class E> class [[nodiscard]] Result {
  static_assert(std::is_base_of_v<Error, E>,
                "backorder: a Result's error type must derive from Error");

public:
  using value_type = T;
  using error_type = E;

  /// Makes a successful result.
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  /// Makes a failed result.
  Result(E error) : state_(std::in_place_index<1>, std::move(error)) {}
  /// Makes a failed result from a plain Error.
  Result(Error error) requires(!std::is_same_v<E, Error>)
      : state_(std::in_place_index<1>, E(std::move(error))) {}

  /// Returns true when the operation succeeded.
  [[nodiscard]] bool has_value() const noexcept { return state_.index() == 0; }
  /// Returns true when the operation succeeded.
  explicit operator bool() const noexcept { return has_value(); }

  /// Returns the value; the result must hold one.
  [[nodiscard]] T &value() &noexcept { return *checked_value(); }
  /// Returns the value; the result must hold one.
  [[nodiscard]] const T &value() const &noexcept { return *checked_value(); }
  /// Returns the value; the result must hold one.
  [[nodiscard]] T &&value() &&noexcept { return std::move(*checked_value()); }
  T &operator*() &noexcept { return value(); }
  const T &operator*() const &noexcept { return value(); }
  T *operator->() noexcept { return checked_value(); }
  const T *operator->() const noexcept { return checked_value(); }

  /// Returns the error; the result must hold one.
  [[nodiscard]] const E &error() const noexcept {
    const E *error = std::get_if<1>(&state_);
    BACKORDER_ASSERT(error != nullptr, "Result::error() on a success");
    return *error;
  }

  /// Returns the value, or `fallback` when the operation failed.
  template <class U> [[nodiscard]] T value_or(U &&fallback) const & {
    return has_value() ? *std::get_if<0>(&state_)
                       : static_cast<T>(std::forward<U>(fallback));
  }

  /// Returns true when the result holds a value equal to `value`.
  template <class U>
  requires(!std::is_same_v<std::remove_cvref_t<U>, Result> &&
           std::equality_comparable_with<const T &, const U &>) friend bool
  operator==(const Result &result, const U &value) {
    return result.has_value() && *std::get_if<0>(&result.state_) == value;
  }

private:
  T *checked_value() noexcept {
    T *value = std::get_if<0>(&state_);
    BACKORDER_ASSERT(value != nullptr, "Result::value() on an error");
    return value;
  }
  const T *checked_value() const noexcept {
    const T *value = std::get_if<0>(&state_);
    BACKORDER_ASSERT(value != nullptr, "Result::value() on an error");
    return value;
  }

  std::variant<T, E> state_;
};

/// Holds nothing on success, or the Error that refused the operation.
template <> class [[nodiscard]] Result<void, Error> {
public:
  using value_type = void;

  /// Makes a successful result.
  Result() noexcept = default;
  /// Makes a failed result.
  Result(Error error) : error_(std::move(error)) {}

  /// Returns true when the operation succeeded.
  [[nodiscard]] bool has_value() const noexcept { return !error_.has_value(); }
  /// Returns true when the operation succeeded.
  explicit operator bool() const noexcept { return has_value(); }

  /// Returns the error; the result must hold one.
  [[nodiscard]] const Error &error() const noexcept {
    BACKORDER_ASSERT(error_.has_value(), "Result::error() on a success");
    return *error_;
  }

private:
  std::optional<Error> error_;
};

} // namespace BACKORDER_ABI
} // namespace backorder
