#pragma once

/// All shipped allocation policies and the AllocationPolicy concept.
#include "policies/fifo.hpp"
#include "policies/first_fit.hpp"
#include "policies/partial_fill.hpp"
#include "policies/policy.hpp"
#include "policies/priority.hpp"
#include "policies/pro_rata.hpp"
