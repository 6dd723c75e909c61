#include "harness.hpp"

namespace backorder::fuzz {

template void run_harness<StringSkus>(Input &, Subject<StringSkus> &,
                                      Subject<StringSkus> &,
                                      const model::Rules &,
                                      const std::string &);

} // namespace backorder::fuzz
