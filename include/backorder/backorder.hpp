#pragma once

/// Includes the whole core library (standard library only).
#include "back_order_queue.hpp"
#include "config.hpp"
#include "events.hpp"
#include "fwd.hpp"
#include "inventory.hpp"
#include "order.hpp"
#include "policies.hpp"
#include "reports.hpp"
#include "result.hpp"
#include "sku_config.hpp"
#include "traits.hpp"
#include "version.hpp"
