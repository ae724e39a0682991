#include "numerics/conv_windows.hpp"

#include <algorithm>

namespace circa::num {
namespace {

int channel_blocks(const Layer& l, int k) {
  return (l.in_channels + k - 1) / k;
}

Span clip(int first, int last, int size) {
  return {std::max(first, 0), std::min(last, size - 1)};
}

}  // namespace

Span window_rows(const Layer& l, int oy) {
  const int first = oy * l.stride - l.padding;
  return clip(first, first + l.kernel - 1, l.in_height);
}

Span window_cols(const Layer& l, int ox) {
  const int first = ox * l.stride - l.padding;
  return clip(first, first + l.kernel - 1, l.in_width);
}

Span fill_rows(const Layer& l, int oy) {
  const Span now = window_rows(l, oy);
  if (oy == 0) return now;
  return {std::max(now.first, window_rows(l, oy - 1).last + 1), now.last};
}

int64_t fill_blocks(const Layer& l, int k, int oy) {
  return int64_t{fill_rows(l, oy).count()} * l.in_width * channel_blocks(l, k);
}

int64_t line_buffer_spectra(const Layer& l, int k) {
  return int64_t{std::min(l.kernel, l.in_height)} * l.in_width * channel_blocks(l, k);
}

void on_image_blocks(const Layer& l, int k, int oy, int ox, std::vector<int>& js) {
  const int cb = channel_blocks(l, k);
  const Span rows = window_rows(l, oy), cols = window_cols(l, ox);
  const int u0 = oy * l.stride - l.padding, v0 = ox * l.stride - l.padding;
  js.clear();
  for (int r = rows.first; r <= rows.last; ++r)
    for (int x = cols.first; x <= cols.last; ++x)
      for (int c = 0; c < cb; ++c) js.push_back(((r - u0) * l.kernel + (x - v0)) * cb + c);
}

int64_t line_slot(const Layer& l, int k, int r, int x, int c) {
  const int cb = channel_blocks(l, k);
  return ((int64_t{r % std::min(l.kernel, l.in_height)} * l.in_width) + x) * cb + c;
}

}  // namespace circa::num
