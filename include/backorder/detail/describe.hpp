#pragma once

#include "../config.hpp"
#include "../result.hpp"

#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>

namespace backorder {
inline namespace BACKORDER_ABI {
namespace detail {

template <class T>
concept AdlToString = requires(const T &value) {
  { to_string(value) } -> std::convertible_to<std::string>;
};

/// Returns a key or number as it should read in an error message: strings
/// quoted, numbers in decimal, other types through an ADL `to_string`.
template <class T> std::string describe(const T &value) {
  if constexpr (std::is_convertible_v<const T &, std::string_view>) {
    std::string text = "\"";
    text += std::string_view(value);
    text += '"';
    return text;
  } else if constexpr (std::is_integral_v<T>) {
    return std::to_string(value);
  } else if constexpr (AdlToString<T>) {
    return std::string(to_string(value));
  } else {
    return "<unprintable key>";
  }
}

/// Concatenates the parts of an error message.
template <class... Parts> std::string message(const Parts &...parts) {
  std::string text;
  (text.append(parts), ...);
  return text;
}

/// Builds an Error; kept out of line so that hot paths stay small.
BACKORDER_COLD inline Error make_error(Errc code, std::string text) {
  return Error{code, std::move(text)};
}

} // namespace detail
} // namespace BACKORDER_ABI
} // namespace backorder
