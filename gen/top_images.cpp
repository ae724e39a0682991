// Memory images of a network for the generated top: each resident layer's weight rows in issue
// order (the same words the w_data port takes) from its base row, split over the weight SRAM
// banks; each layer's bias codes from its bias block over the bias banks; and the layer program
// as the cfg words a host writes.
#include <algorithm>
#include <cstdio>

#include "arch/weight_row_layout.hpp"
#include "common/error.hpp"
#include "numerics/random_data.hpp"

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

NetworkImage network_image(const AcceleratorSpec& s, const std::vector<Layer>& layers,
                           uint64_t seed) {
  Workload w;
  w.name = "image";
  w.layers = layers;
  NetworkImage net;
  net.program = arch::network_program(s, layers, arch::plan_workload(s, w)).layers;
  for (size_t i = 0; i < layers.size(); ++i)
    net.layers.push_back(num::quantise_layer(
        s, layers[i], num::random_layer_weights(layers[i], s.block_size, seed + i)));
  return net;
}

void add_top_images(Design& d, const TopPlan& p, const NetworkImage& net) {
  CIRCA_CHECK(net.layers.size() == net.program.size(), "one descriptor per layer");
  // Weight rows of the resident layers, each from its base row (rows between them stay zero).
  std::vector<std::vector<uint8_t>> rows;
  for (size_t i = 0; i < net.layers.size(); ++i) {
    const arch::LayerDescriptor& desc = net.program[i];
    const num::WeightSpectra& ws = net.layers[i].spectra;
    if (ws.q > p.q_max || ws.p > p.p_max)
      throw ConfigError("layer " + n2s(static_cast<int64_t>(i)) + " has " + n2s(ws.p) + " x " +
                        n2s(ws.q) + " blocks; the top's buffers hold up to p = " + n2s(p.p_max) +
                        ", q = " + n2s(p.q_max) + " (activation_buffer.capacity_kib)");
    if (desc.stream) continue;
    const auto layer_rows = weight_rows(p, ws);
    const size_t end = static_cast<size_t>(desc.weight_base) + layer_rows.size();
    if (static_cast<int64_t>(end) > p.memory.weight_rows.rows)
      throw ConfigError("layer " + n2s(static_cast<int64_t>(i)) + "'s weight rows end at row " +
                        n2s(static_cast<int64_t>(end)) + ", past the weight SRAM's " +
                        n2s(p.memory.weight_rows.rows) + "; raise weight_sram.capacity_kib");
    if (rows.size() < end)
      rows.resize(end, std::vector<uint8_t>(static_cast<size_t>(p.memory.weight_rows.row_bits), 0));
    std::copy(layer_rows.begin(), layer_rows.end(), rows.begin() + desc.weight_base);
  }
  const int W = p.spec->weight_sram.word_bits;
  for (int b = 0; b < (p.weight_images ? p.spec->weight_sram.banks : 0); ++b) {
    const int g = b / p.memory.weight_rows.banks_per_row, part = b % p.memory.weight_rows.banks_per_row;
    std::string img;
    for (size_t r = static_cast<size_t>(g); r < rows.size();
         r += static_cast<size_t>(p.memory.weight_rows.bank_groups))
      img += hex_of(rows[r], part * W, W) + "\n";
    d.data["weights_bank" + n2s(b) + ".hex"] = img;
  }
  // Bias of output row m of block i of a layer sits in bank bank_of(m), row
  // (bias_base + i)*beats + row_of(m).
  const int O = p.spec->formats.output.bits;
  int64_t blocks = 0;
  for (const arch::LayerDescriptor& desc : net.program)
    if (desc.bias) blocks = std::max(blocks, desc.bias_base + desc.p);
  std::vector<std::vector<int64_t>> banks(static_cast<size_t>(p.samples_per_beat),
                                          std::vector<int64_t>(static_cast<size_t>(blocks) * p.beats, 0));
  for (size_t i = 0; i < net.layers.size(); ++i) {
    if (!net.program[i].bias) continue;
    const std::vector<int64_t>& bias = net.layers[i].bias;
    for (size_t row = 0; row < bias.size(); ++row) {
      const int64_t blk = net.program[i].bias_base + static_cast<int64_t>(row) / p.block_size;
      const int m = static_cast<int>(row) % p.block_size;
      banks[static_cast<size_t>(p.bank_of(m))][static_cast<size_t>(blk * p.beats + p.row_of(m))] =
          bias[row];
    }
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
  // The layer program: word a of the image is what cfg_addr a takes (reserved words zero).
  std::vector<uint32_t> words(net.program.size() * arch::kDescriptorWords, 0u);
  for (const arch::CfgWrite& w : arch::encode_program(net.program))
    words[static_cast<size_t>(w.addr)] = w.data;
  std::string img;
  char line[16];
  for (uint32_t w : words) {
    std::snprintf(line, sizeof line, "%08x\n", w);
    img += line;
  }
  d.data["layer_program.hex"] = img;
}

}  // namespace circa::gen
