// Memory images of one layer for the generated top: weight rows in issue order (the same words
// the w_data port takes) split over the weight SRAM banks, and bias codes over the bias banks.
#include <algorithm>

#include "arch/weight_row_layout.hpp"
#include "common/error.hpp"

#include "gen/top.hpp"
#include "gen/top_plan.hpp"

namespace circa::gen {
namespace {

/// Bits [lo, lo+w) of a little-endian bit vector set from a two's-complement code.
void put(std::vector<uint8_t>& bits, int lo, int w, int64_t v) {
  for (int i = 0; i < w; ++i)
    bits[static_cast<size_t>(lo + i)] =
        static_cast<uint8_t>((static_cast<uint64_t>(v) >> std::min(i, 63)) & 1);
}

std::string hex_of(const std::vector<uint8_t>& bits, int lo, int w) {
  std::string h;
  for (int nib = (w + 3) / 4 - 1; nib >= 0; --nib) {
    int v = 0;
    for (int b = 3; b >= 0; --b) {
      const int i = nib * 4 + b;
      v = v * 2 + (i < w ? bits[static_cast<size_t>(lo + i)] : 0);
    }
    h += "0123456789abcdef"[v];
  }
  return h;
}

/// Row r's bits as arch/weight_row_layout.hpp lays them out; unused lanes zero.
std::vector<std::vector<uint8_t>> weight_rows(const TopPlan& p, const num::WeightSpectra& ws) {
  const int G = (ws.p + p.parallel_blocks - 1) / p.parallel_blocks, half = p.weight_word_bits / 2;
  std::vector<std::vector<uint8_t>> rows;
  for (int g = 0; g < G; ++g)
    for (int j = 0; j < ws.q; ++j)
      for (int c = 0; c < p.issue_cycles; ++c) {
        std::vector<uint8_t> bits(static_cast<size_t>(p.memory.weight_rows.row_bits), 0);
        for (int l = 0; l < p.mac_lanes; ++l) {
          const arch::RowSlot slot = arch::weight_row_slot(p.mac, p.mac_lanes, c, l);
          const int i = g * p.parallel_blocks + slot.block, w = slot.word;
          if (slot.block < 0 || i >= ws.p) continue;
          const num::CFixed* b = ws.block(i, j);
          const num::CFixed word =
              p.packed && w == 0 ? num::CFixed{b[0].re, b[p.block_size / 2].re} : b[w];
          put(bits, l * p.weight_word_bits + half, half, word.re);
          put(bits, l * p.weight_word_bits, half, word.im);
        }
        rows.push_back(bits);
      }
  return rows;
}

}  // namespace

std::vector<std::string> weight_rows_hex(const AcceleratorSpec& s, const num::WeightSpectra& ws) {
  const TopPlan p = make_top_plan(s, "fwd", "inv");
  std::vector<std::string> out;
  for (const auto& r : weight_rows(p, ws)) out.push_back(hex_of(r, 0, p.memory.weight_rows.row_bits));
  return out;
}

void add_top_images(Design& d, const TopPlan& p, const num::QuantisedLayer& layer) {
  if (layer.spectra.q > p.q_max || layer.spectra.p > p.p_max)
    throw ConfigError("the layer has " + n2s(layer.spectra.p) + " x " + n2s(layer.spectra.q) +
                      " blocks; the top's buffers hold up to p = " + n2s(p.p_max) +
                      ", q = " + n2s(p.q_max) + " (activation_buffer.capacity_kib)");
  const auto rows = weight_rows(p, layer.spectra);
  if (p.weight_images && static_cast<int64_t>(rows.size()) > p.memory.weight_rows.rows)
    throw ConfigError("the layer's " + n2s(static_cast<int64_t>(rows.size())) +
                      " weight rows exceed the weight SRAM's " + n2s(p.memory.weight_rows.rows) +
                      "; raise weight_sram.capacity_kib");
  const int W = p.spec->weight_sram.word_bits;
  for (int b = 0; b < (p.weight_images ? p.spec->weight_sram.banks : 0); ++b) {
    const int g = b / p.memory.weight_rows.banks_per_row, part = b % p.memory.weight_rows.banks_per_row;
    std::string img;
    for (size_t r = static_cast<size_t>(g); r < rows.size();
         r += static_cast<size_t>(p.memory.weight_rows.bank_groups))
      img += hex_of(rows[r], part * W, W) + "\n";
    d.data["weights_bank" + n2s(b) + ".hex"] = img;
  }
  // Bias of output row m of block i sits in bank bank_of(m), row i*beats + row_of(m).
  const int O = p.spec->formats.output.bits, blocks = layer.spectra.p;
  std::vector<std::vector<int64_t>> banks(
      static_cast<size_t>(p.samples_per_beat),
      std::vector<int64_t>(static_cast<size_t>(blocks) * p.beats, 0));
  for (size_t row = 0; row < layer.bias.size(); ++row) {
    const int i = static_cast<int>(row) / p.block_size, m = static_cast<int>(row) % p.block_size;
    banks[static_cast<size_t>(p.bank_of(m))][static_cast<size_t>(i * p.beats + p.row_of(m))] =
        layer.bias[row];
  }
  for (int b = 0; b < p.samples_per_beat; ++b) {
    std::string img;
    std::vector<uint8_t> bits(static_cast<size_t>(O));
    for (int64_t v : banks[static_cast<size_t>(b)]) {
      put(bits, 0, O, v);
      img += hex_of(bits, 0, O) + "\n";
    }
    d.data["bias_bank" + n2s(b) + ".hex"] = img;
  }
}

}  // namespace circa::gen
