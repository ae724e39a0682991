// A conv layer under controller.conv_dataflow: reuse in closed form (SCHEDULE.md "Conv with
// spectrum reuse"): per output row a row fill (the new input rows' forward FFTs into the line
// buffer), then one product per output pixel without phase A, issuing only its on-image input
// blocks. Products with the same clipped window have the same schedule and events, so each
// window shape is scheduled once.
#pragma once

#include <cstdint>
#include <vector>

#include "arch/events.hpp"
#include "arch/microarch.hpp"
#include "spec/accelerator_spec.hpp"
#include "spec/workload.hpp"

namespace circa::ana {

struct LayerTotals {
  int64_t cycles = 0;                ///< the layer's products and row fills
  int64_t first_product_cycles = 0;  ///< the first row's fill plus its first product
  arch::Events events;               ///< per inference, no configuration writes
};

/// Events of one row fill of `blocks` input blocks: forward FFTs, sample reads, spectrum writes.
arch::Events fill_events(const AcceleratorSpec& s, const arch::LayerPlan& pl, int64_t blocks);

/// Events of one reuse product issuing input blocks `js` (ascending) per group.
arch::Events reuse_product_events(const AcceleratorSpec& s, const arch::LayerPlan& pl,
                                  const std::vector<int>& js);

/// The whole reuse conv layer.
LayerTotals reuse_conv_layer(const AcceleratorSpec& s, const Layer& l, const arch::LayerPlan& pl);

}  // namespace circa::ana
