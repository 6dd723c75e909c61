#include "harness.hpp"

namespace backorder::fuzz {

template void run_harness<IntegerSkus>(Input &, Subject<IntegerSkus> &,
                                       Subject<IntegerSkus> &,
                                       const model::Rules &,
                                       const std::string &);

} // namespace backorder::fuzz
