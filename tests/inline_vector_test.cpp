// detail::InlineVector, the storage of a queue's levels: checked against
// std::vector through random inserts, erases, copies and moves, with an
// over-aligned element (as a level is) that counts its live objects, so that
// a leak or a double destruction shows.

#include "catch.hpp"

#include <backorder/detail/inline_vector.hpp>

#include <cstddef>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace inline_vector_test {

namespace {

/// An element aligned as a level is, holding a heap string.
struct alignas(64) Item {
  static inline long live = 0;

  std::string text;

  Item() noexcept { ++live; }
  explicit Item(std::string value) : text(std::move(value)) { ++live; }
  Item(const Item &other) : text(other.text) { ++live; }
  Item(Item &&other) noexcept : text(std::move(other.text)) { ++live; }
  Item &operator=(const Item &) = default;
  Item &operator=(Item &&) noexcept = default;
  ~Item() { --live; }
};

using Vector = backorder::detail::InlineVector<Item>;

/// Returns the Items a vector keeps alive: its inline one, always (a
/// default Item when unused), and its heap elements.
long objects(const Vector &vector) {
  return 1 + (vector.is_inline() ? 0 : static_cast<long>(vector.size()));
}

/// A string long enough to live on the heap.
std::string text_of(std::size_t value) {
  return "item number " + std::to_string(value) + " of the test";
}

void require_same(const Vector &vector, const std::vector<std::string> &model) {
  REQUIRE(vector.size() == model.size());
  REQUIRE(vector.empty() == model.empty());
  REQUIRE(vector.capacity() >= vector.size());
  std::size_t index = 0;
  for (const Item &item : vector) {
    REQUIRE(item.text == model[index]);
    REQUIRE(vector[index].text == model[index]);
    REQUIRE(reinterpret_cast<std::uintptr_t>(&item) % alignof(Item) == 0);
    ++index;
  }
  auto reversed = model.rbegin();
  for (auto at = vector.rbegin(); at != vector.rend(); ++at, ++reversed) {
    REQUIRE(at->text == *reversed);
  }
}

} // namespace

TEST_CASE("InlineVector keeps one element inside itself, more on the heap") {
  {
    Vector vector;
    REQUIRE(vector.is_inline());
    REQUIRE(vector.capacity() == 1);
    vector.push_back(Item(text_of(1)));
    REQUIRE(vector.is_inline());
    REQUIRE(vector.heap_bytes() == 0);
    REQUIRE(vector.front().text == text_of(1));
    REQUIRE(Item::live == objects(vector));

    vector.insert(vector.begin(), Item(text_of(0)));
    REQUIRE_FALSE(vector.is_inline());
    REQUIRE(vector.capacity() == 2);
    REQUIRE(vector.heap_bytes() == 2 * sizeof(Item));
    require_same(vector, {text_of(0), text_of(1)});

    // Shrinking keeps the heap room, so growing again allocates nothing.
    vector.erase(vector.begin());
    REQUIRE_FALSE(vector.is_inline());
    require_same(vector, {text_of(1)});
    const Item *const room = vector.data();
    vector.push_back(Item(text_of(2)));
    REQUIRE(vector.data() == room);
    REQUIRE(Item::live == objects(vector));

    // A move takes the heap block; the source is empty and inline again.
    Vector moved(std::move(vector));
    REQUIRE(moved.data() == room);
    REQUIRE(vector.empty()); // NOLINT(bugprone-use-after-move): specified
    REQUIRE(vector.is_inline());
    require_same(moved, {text_of(1), text_of(2)});

    // A copy of two needs its own heap block; of one, none.
    Vector copy(moved);
    REQUIRE(copy.data() != moved.data());
    require_same(copy, {text_of(1), text_of(2)});
    moved.pop_back();
    Vector small(moved);
    REQUIRE(small.is_inline());
    require_same(small, {text_of(1)});
    REQUIRE(Item::live ==
            objects(vector) + objects(moved) + objects(copy) + objects(small));
  }
  REQUIRE(Item::live == 0);
}

TEST_CASE("InlineVector matches std::vector through random changes") {
  std::mt19937_64 random(27112026);
  const auto pick = [&](std::size_t bound) {
    return static_cast<std::size_t>(random() % bound);
  };
  {
    Vector vector;
    std::vector<std::string> model;
    Vector other;
    std::vector<std::string> other_model;
    for (std::size_t step = 0; step < 3000; ++step) {
      INFO("step " << step);
      const std::size_t action = pick(100);
      if (action < 45 || model.empty()) {
        const std::size_t at = pick(model.size() + 1);
        const auto placed =
            vector.insert(vector.begin() + at, Item(text_of(step)));
        REQUIRE(placed == vector.begin() + at);
        model.insert(model.begin() + static_cast<std::ptrdiff_t>(at),
                     text_of(step));
      } else if (action < 85) {
        const std::size_t at = pick(model.size());
        vector.erase(vector.begin() + at);
        model.erase(model.begin() + static_cast<std::ptrdiff_t>(at));
      } else if (action < 88) {
        vector.clear();
        model.clear();
      } else if (action < 92) {
        other = vector; // copy-assign, either way inline or not
        other_model = model;
      } else if (action < 96) {
        std::swap(vector, other); // move construction and assignments
        std::swap(model, other_model);
      } else if (action < 98) {
        vector.reserve(model.size() + pick(4));
      } else {
        auto &self = vector; // self-assignment changes nothing
        vector = self;
      }
      require_same(vector, model);
      require_same(other, other_model);
      REQUIRE(Item::live == objects(vector) + objects(other));
    }
  }
  REQUIRE(Item::live == 0);
}

} // namespace inline_vector_test
