// Quickstart: stock, a back order, a restock, a shipment and an error.
#include <backorder/backorder.hpp>

#include <cstdio>

int main() {
  int failures = 0;
  auto expect = [&failures](bool ok, const char *what) {
    std::printf("%-6s %s\n", ok ? "ok" : "FAILED", what);
    failures += ok ? 0 : 1;
  };

  backorder::Inventory<> shop; // Fifo policy, std::string SKUs
  expect(shop.add_sku("MUG").has_value(), "MUG is registered");
  expect(shop.receive("MUG", 10).has_value(), "10 MUG arrive");

  // 12 ordered, 10 in stock: 10 are allocated, 2 wait as a back order.
  auto placed = shop.place({.id = 1, .lines = {{"MUG", 12}}});
  expect(placed && placed->allocated == 10 && placed->backordered == 2,
         "order 1: 10 allocated, 2 back-ordered");

  // 5 more arrive: 2 complete order 1, 3 stay free.
  auto received = shop.receive("MUG", 5);
  expect(received && received->allocated == 2 && received->available == 3,
         "5 MUG arrive: 2 go to order 1, 3 stay free");

  auto shipped = shop.ship(1);
  expect(shipped && shipped->units == 12 && shipped->order_closed,
         "order 1 ships 12 units and closes");

  auto mug = shop.stock("MUG");
  expect(mug && mug->on_hand == 3 && mug->reserved == 0 && mug->available == 3,
         "MUG: 3 on hand, all available");

  // A refused operation returns an Error and changes nothing.
  auto refused = shop.receive("CUP", 1);
  expect(!refused && refused.error().code == backorder::Errc::UnknownSku,
         "CUP is refused as an unknown SKU");
  if (!refused) {
    std::printf("       error: %s\n", refused.error().message.c_str());
  }
  return failures == 0 ? 0 : 1;
}
