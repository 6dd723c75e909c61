#pragma once

// Back orders kept in a database, as Spree, Solidus and OFBiz keep them:
// SQLite in memory, tables for SKUs, orders, order lines and back orders
// (the waiting lines, indexed on (sku, seq) so the oldest comes first),
// prepared statements, one transaction per operation. The connection is
// opened without its mutex (one thread uses it), the journal is in memory
// and nothing is synced: SQLite's best case.

#include "../common.hpp"

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace bench {

namespace sql {

/// Owns one prepared statement; binds SKUs as text or integers.
class Statement {
public:
  Statement() = default;
  Statement(sqlite3 *db, const char *text) : db_(db) {
    if (sqlite3_prepare_v3(db, text, -1, SQLITE_PREPARE_PERSISTENT, &stmt_,
                           nullptr) != SQLITE_OK) {
      std::fprintf(stderr, "sqlite: %s in %s\n", sqlite3_errmsg(db), text);
      std::abort();
    }
  }
  Statement(const Statement &) = delete;
  Statement &operator=(const Statement &) = delete;
  Statement(Statement &&other) noexcept
      : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}
  Statement &operator=(Statement &&other) noexcept {
    std::swap(db_, other.db_);
    std::swap(stmt_, other.stmt_);
    return *this;
  }
  ~Statement() { sqlite3_finalize(stmt_); }

  Statement &bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
  }
  Statement &bind(int index, std::uint64_t value) {
    sqlite3_bind_int64(stmt_, index, static_cast<sqlite3_int64>(value));
    return *this;
  }
  Statement &bind(int index, const std::string &value) {
    // The string outlives the statement's use of it.
    sqlite3_bind_text(stmt_, index, value.data(),
                      static_cast<int>(value.size()), SQLITE_STATIC);
    return *this;
  }

  /// Steps once; returns true for a row, false when done.
  bool row() {
    const int code = sqlite3_step(stmt_);
    if (code == SQLITE_ROW) {
      return true;
    }
    if (code != SQLITE_DONE) {
      std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db_));
      std::abort();
    }
    return false;
  }

  /// Runs a statement that returns no row; returns the SQLite result code.
  int run() {
    const int code = sqlite3_step(stmt_);
    sqlite3_reset(stmt_);
    return code;
  }

  /// Runs a statement that must succeed.
  void must_run() {
    if (run() != SQLITE_DONE) {
      std::fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db_));
      std::abort();
    }
  }

  std::int64_t integer(int column) {
    return sqlite3_column_int64(stmt_, column);
  }
  bool is_null(int column) {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  void text(int column, std::string &out) {
    const auto *data = sqlite3_column_text(stmt_, column);
    out.assign(reinterpret_cast<const char *>(data),
               static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  void text(int column, std::uint64_t &out) {
    out = static_cast<std::uint64_t>(sqlite3_column_int64(stmt_, column));
  }

  void reset() { sqlite3_reset(stmt_); }

private:
  sqlite3 *db_ = nullptr;
  sqlite3_stmt *stmt_ = nullptr;
};

} // namespace sql

template <class K> class SqliteEngine {
public:
  using Keys = K;
  using Sku = typename Keys::Sku;
  using Order = backorder::Order<typename Keys::Traits>;
  static constexpr std::string_view name = "sqlite";

  SqliteEngine() {
    if (sqlite3_open_v2(":memory:", &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      std::fprintf(stderr, "sqlite: cannot open a database in memory\n");
      std::abort();
    }
    const std::string sku_type =
        std::is_same_v<Sku, std::string> ? "TEXT" : "INTEGER";
    const std::string schema =
        "PRAGMA journal_mode = MEMORY;"
        "PRAGMA synchronous = OFF;"
        "PRAGMA temp_store = MEMORY;"
        "CREATE TABLE skus (sku " +
        sku_type +
        " PRIMARY KEY,"
        "  on_hand INTEGER NOT NULL, reserved INTEGER NOT NULL,"
        "  backorderable INTEGER NOT NULL);"
        "CREATE TABLE orders (id INTEGER PRIMARY KEY);"
        "CREATE TABLE order_lines (id INTEGER PRIMARY KEY,"
        "  order_id INTEGER NOT NULL, sku " +
        sku_type +
        " NOT NULL,"
        "  ordered INTEGER NOT NULL, allocated INTEGER NOT NULL,"
        "  shipped INTEGER NOT NULL);"
        "CREATE INDEX order_lines_by_order ON order_lines (order_id);"
        "CREATE TABLE backorders (line_id INTEGER PRIMARY KEY,"
        "  sku " +
        sku_type +
        " NOT NULL, seq INTEGER NOT NULL,"
        "  outstanding INTEGER NOT NULL);"
        "CREATE INDEX backorders_by_sku_seq ON backorders (sku, seq);"
        "CREATE TABLE inbound (id INTEGER PRIMARY KEY,"
        "  sku " +
        sku_type +
        " NOT NULL, eta INTEGER NOT NULL,"
        "  units INTEGER NOT NULL);"
        "CREATE INDEX inbound_by_sku_eta ON inbound (sku, eta);";
    char *error = nullptr;
    if (sqlite3_exec(db_, schema.c_str(), nullptr, nullptr, &error) !=
        SQLITE_OK) {
      std::fprintf(stderr, "sqlite: %s\n", error);
      std::abort();
    }
    begin_ = prepare("BEGIN");
    commit_ = prepare("COMMIT");
    rollback_ = prepare("ROLLBACK");
    insert_sku_ = prepare("INSERT INTO skus VALUES (?1, 0, 0, ?2)");
    sku_free_ = prepare(
        "SELECT on_hand - reserved, backorderable FROM skus WHERE sku = ?1");
    add_on_hand_ =
        prepare("UPDATE skus SET on_hand = on_hand + ?2 WHERE sku = ?1");
    reserve_ =
        prepare("UPDATE skus SET reserved = reserved + ?2 WHERE sku = ?1");
    ship_units_ = prepare("UPDATE skus SET on_hand = on_hand - ?2,"
                          " reserved = reserved - ?2 WHERE sku = ?1");
    insert_order_ = prepare("INSERT INTO orders (id) VALUES (?1)");
    delete_order_ = prepare("DELETE FROM orders WHERE id = ?1");
    insert_line_ = prepare("INSERT INTO order_lines (order_id, sku, ordered,"
                           " allocated, shipped) VALUES (?1, ?2, ?3, ?4, 0)");
    order_lines_ = prepare("SELECT id, sku, ordered, allocated, shipped"
                           " FROM order_lines WHERE order_id = ?1");
    allocate_line_ = prepare(
        "UPDATE order_lines SET allocated = allocated + ?2 WHERE id = ?1");
    ship_line_ = prepare("UPDATE order_lines SET allocated = 0,"
                         " shipped = shipped + ?2 WHERE id = ?1");
    delete_lines_ = prepare("DELETE FROM order_lines WHERE order_id = ?1");
    insert_backorder_ =
        prepare("INSERT INTO backorders VALUES (?1, ?2, ?3, ?4)");
    waiting_ = prepare("SELECT line_id, outstanding FROM backorders"
                       " WHERE sku = ?1 ORDER BY seq");
    fill_backorder_ = prepare("UPDATE backorders SET outstanding = outstanding "
                              "- ?2 WHERE line_id = ?1");
    delete_backorder_ = prepare("DELETE FROM backorders WHERE line_id = ?1");
    backorder_of_ =
        prepare("SELECT seq, outstanding FROM backorders WHERE line_id = ?1");
    units_ahead_ = prepare("SELECT total(outstanding) FROM backorders"
                           " WHERE sku = ?1 AND seq <= ?2");
    insert_inbound_ =
        prepare("INSERT INTO inbound (sku, eta, units) VALUES (?1, ?2, ?3)");
    schedule_ =
        prepare("SELECT eta, units FROM inbound WHERE sku = ?1 ORDER BY eta");
  }

  SqliteEngine(const SqliteEngine &) = delete;
  SqliteEngine &operator=(const SqliteEngine &) = delete;

  // The connection closes once the statements (members, destroyed after
  // this body) are finalized.
  ~SqliteEngine() { sqlite3_close_v2(db_); }

  /// Registers a SKU.
  void add_sku(const Sku &sku, bool backorderable) {
    require(insert_sku_.bind(1, sku)
                    .bind(2, std::int64_t{backorderable ? 1 : 0})
                    .run() == SQLITE_DONE,
            "sqlite: add_sku");
  }

  /// Places an order in one transaction; returns false when refused.
  bool place(const Order &order) {
    if (order.lines.empty()) {
      return false;
    }
    begin_.must_run();
    if (insert_order_.bind(1, order.id).run() != SQLITE_DONE) {
      return abandon(); // the order is already open
    }
    for (const auto &line : order.lines) {
      if (line.quantity <= 0 || !sku_free_.bind(1, line.sku).row()) {
        sku_free_.reset();
        return abandon();
      }
      const Quantity free_units = sku_free_.integer(0);
      const bool backorderable = sku_free_.integer(1) != 0;
      sku_free_.reset();
      const Quantity allocated =
          std::clamp<Quantity>(free_units, 0, line.quantity);
      if (allocated < line.quantity && !backorderable) {
        return abandon();
      }
      if (allocated > 0) {
        reserve_.bind(1, line.sku).bind(2, allocated).must_run();
      }
      insert_line_.bind(1, order.id)
          .bind(2, line.sku)
          .bind(3, line.quantity)
          .bind(4, allocated)
          .must_run();
      if (allocated < line.quantity) {
        insert_backorder_.bind(1, std::int64_t{sqlite3_last_insert_rowid(db_)})
            .bind(2, line.sku)
            .bind(3, next_seq_++)
            .bind(4, line.quantity - allocated)
            .must_run();
      }
    }
    commit_.must_run();
    open_lines_ += order.lines.size();
    return true;
  }

  /// Receives units in one transaction; returns the units handed to
  /// waiting lines, or -1.
  Quantity receive(const Sku &sku, Quantity units) {
    if (units <= 0) {
      return -1;
    }
    begin_.must_run();
    add_on_hand_.bind(1, sku).bind(2, units).must_run();
    if (sqlite3_changes(db_) != 1) {
      abandon();
      return -1;
    }
    const Quantity handed = hand_out(sku);
    commit_.must_run();
    return handed;
  }

  /// Cancels an order in one transaction; returns false when not open.
  bool cancel(OrderId id) {
    begin_.must_run();
    if (!read_lines(id)) {
      return abandon();
    }
    for (const LineRow &line : lines_) {
      if (line.allocated + line.shipped < line.ordered) {
        delete_backorder_.bind(1, line.id).must_run();
      }
      if (line.allocated > 0) {
        reserve_.bind(1, line.sku).bind(2, -line.allocated).must_run();
      }
      open_lines_ -= line.shipped < line.ordered ? 1U : 0U;
    }
    delete_lines_.bind(1, id).must_run();
    delete_order_.bind(1, id).must_run();
    for (const LineRow &line : lines_) {
      if (line.allocated > 0) {
        hand_out(line.sku); // released units flow on to waiting lines
      }
    }
    commit_.must_run();
    return true;
  }

  /// Ships every complete line in one transaction; returns the units
  /// shipped, or -1.
  Quantity ship(OrderId id) {
    begin_.must_run();
    if (!read_lines(id)) {
      abandon();
      return -1;
    }
    Quantity units = 0;
    bool open = false;
    for (LineRow &line : lines_) {
      if (line.allocated > 0 && line.allocated + line.shipped == line.ordered) {
        ship_units_.bind(1, line.sku).bind(2, line.allocated).must_run();
        units += line.allocated;
        line.shipped += line.allocated;
        line.shipping = line.allocated;
        open_lines_ -= 1;
      } else {
        line.shipping = 0;
      }
      open = open || line.shipped < line.ordered;
    }
    if (units == 0) {
      abandon();
      return -1;
    }
    if (open) {
      for (const LineRow &line : lines_) {
        if (line.shipping > 0) {
          ship_line_.bind(1, line.id).bind(2, line.shipping).must_run();
        }
      }
    } else {
      delete_lines_.bind(1, id).must_run();
      delete_order_.bind(1, id).must_run();
    }
    commit_.must_run();
    return units;
  }

  /// Records an expected supplier delivery.
  void expect(const Sku &sku, Quantity units, TimePoint eta) {
    insert_inbound_.bind(1, sku)
        .bind(2, std::int64_t{eta.time_since_epoch().count()})
        .bind(3, units)
        .must_run();
  }

  /// Returns when the order is expected complete (TimePoint::max() when
  /// unknown): for each waiting line, sums the units ranked ahead over the
  /// (sku, seq) index, then walks the deliveries until they cover it.
  TimePoint promise(OrderId id) {
    begin_.must_run();
    require(read_lines(id), "sqlite: promise of an open order");
    std::vector<TimePoint> dates;
    dates.reserve(lines_.size());
    TimePoint complete_by = TimePoint::min();
    for (const LineRow &line : lines_) {
      TimePoint date = TimePoint::min();
      if (backorder_of_.bind(1, line.id).row()) {
        const std::int64_t seq = backorder_of_.integer(0);
        backorder_of_.reset();
        require(units_ahead_.bind(1, line.sku).bind(2, seq).row(),
                "sqlite: units ahead");
        const auto needed = static_cast<Quantity>(units_ahead_.integer(0));
        units_ahead_.reset();
        date = TimePoint::max();
        Quantity supply = 0;
        schedule_.bind(1, line.sku);
        while (schedule_.row()) {
          supply += schedule_.integer(1);
          if (supply >= needed) {
            date = TimePoint(TimePoint::duration(schedule_.integer(0)));
            break;
          }
        }
        schedule_.reset();
      } else {
        backorder_of_.reset();
      }
      complete_by = std::max(complete_by, date);
      dates.push_back(date);
    }
    commit_.must_run();
    benchmark::DoNotOptimize(dates.data()); // the per-line answer is built
    return complete_by;
  }

  /// Returns the number of open order lines.
  std::size_t open_lines() const { return open_lines_; }

  /// Returns nothing: the database keeps no invariant checker.
  std::optional<std::string> broken() const { return std::nullopt; }

private:
  struct LineRow {
    std::int64_t id = 0;
    Sku sku{};
    Quantity ordered = 0;
    Quantity allocated = 0;
    Quantity shipped = 0;
    Quantity shipping = 0;
  };

  struct Fill {
    std::int64_t line_id;
    Quantity units;
    bool completes;
  };

  sql::Statement prepare(const char *text) { return {db_, text}; }

  bool abandon() {
    rollback_.must_run();
    return false;
  }

  /// Reads an order's lines into lines_; returns false when it has none.
  bool read_lines(OrderId id) {
    std::size_t count = 0;
    order_lines_.bind(1, id);
    while (order_lines_.row()) {
      if (count == lines_.size()) {
        lines_.emplace_back();
      }
      LineRow &line = lines_[count++];
      line.id = order_lines_.integer(0);
      order_lines_.text(1, line.sku);
      line.ordered = order_lines_.integer(2);
      line.allocated = order_lines_.integer(3);
      line.shipped = order_lines_.integer(4);
    }
    order_lines_.reset();
    lines_.resize(count); // keeps the capacity and the SKU buffers
    return count > 0;
  }

  /// Hands a SKU's free units to its back orders, oldest first.
  Quantity hand_out(const Sku &sku) {
    require(sku_free_.bind(1, sku).row(), "sqlite: hand_out of a known SKU");
    Quantity free_units = sku_free_.integer(0);
    sku_free_.reset();
    fills_.clear();
    waiting_.bind(1, sku);
    while (free_units > 0 && waiting_.row()) {
      const Quantity outstanding = waiting_.integer(1);
      const Quantity given = std::min(free_units, outstanding);
      fills_.push_back(Fill{waiting_.integer(0), given, given == outstanding});
      free_units -= given;
    }
    waiting_.reset();
    Quantity handed = 0;
    for (const Fill &fill : fills_) {
      allocate_line_.bind(1, fill.line_id).bind(2, fill.units).must_run();
      if (fill.completes) {
        delete_backorder_.bind(1, fill.line_id).must_run();
      } else {
        fill_backorder_.bind(1, fill.line_id).bind(2, fill.units).must_run();
      }
      handed += fill.units;
    }
    if (handed > 0) {
      reserve_.bind(1, sku).bind(2, handed).must_run();
    }
    return handed;
  }

  sqlite3 *db_ = nullptr;
  sql::Statement begin_;
  sql::Statement commit_;
  sql::Statement rollback_;
  sql::Statement insert_sku_;
  sql::Statement sku_free_;
  sql::Statement add_on_hand_;
  sql::Statement reserve_;
  sql::Statement ship_units_;
  sql::Statement insert_order_;
  sql::Statement delete_order_;
  sql::Statement insert_line_;
  sql::Statement order_lines_;
  sql::Statement allocate_line_;
  sql::Statement ship_line_;
  sql::Statement delete_lines_;
  sql::Statement insert_backorder_;
  sql::Statement waiting_;
  sql::Statement fill_backorder_;
  sql::Statement delete_backorder_;
  sql::Statement backorder_of_;
  sql::Statement units_ahead_;
  sql::Statement insert_inbound_;
  sql::Statement schedule_;
  std::vector<LineRow> lines_;
  std::vector<Fill> fills_;
  std::int64_t next_seq_ = 1;
  std::size_t open_lines_ = 0;
};

} // namespace bench
