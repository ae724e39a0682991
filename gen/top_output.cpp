// The inverse half of the generated top: the IFFT sequencer (I_g = max(R_g, I_g-1 + P_g-1*ii)),
// the accumulator read network feeding the IFFT, the peripheral with its bias banks, the output
// banks and the output stream. Output and bias banks use one mapping (TopPlan::bank_of) under
// which both an IFFT beat (bit-reversed) and an output-stream beat (natural) touch S distinct
// banks.
#include "gen/top_plan.hpp"

namespace circa::gen {
namespace {

void emit_ifft_sequencer(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const int banks = p.accumulator_banks, pbk = p.parallel_blocks, pb_bits = bits_for(pbk - 1);
  const int bw = bits_for(banks - 1), tw = std::max(p.log2_beats, 1), pw = p.p_bits;
  const std::string& valid = net::ifft_feed_valid;
  e.blank().line(
      "// ---- IFFT: group g's P_g blocks back to back from I_g = max(R_g, I_g-1 + P_g-1 * ii) "
      "----");
  b.reg("ifft_active", 1);
  b.reg("ifft_base", pw, "first output block of the group");
  b.reg("ifft_block", pb_bits, "block within the group");
  b.reg("ifft_beat", tw);
  b.reg("ifft_bank", bw);
  b.regs({"groups_final", "groups_started"}, pw);
  b.wire("ifft_beat_last", 1,
         p.log2_beats > 0 ? "ifft_beat == " + literal(p.beats - 1, tw) : std::string("1'b1"));
  emit_gap(b, p, "ifft_feed", valid + " && ifft_beat_last", net::product_start);
  b.wire("ifft_start", 1,
         net::running +
             " && !ifft_active && ifft_feed_ok && (groups_final != "
             "groups_started || " +
             net::group_final + ")");
  e.line("assign " + valid + " = (ifft_active && ifft_feed_ok) || ifft_start;");
  b.wire("ifft_block_last", 1,
         "ifft_block == " + literal(pbk - 1, pb_bits) + " || ifft_base + " +
             zext("ifft_block", pb_bits, pw) + " + " + literal(1, pw) + " == cfg_p");
  b.wire("ifft_group_end", 1, valid + " && ifft_beat_last && ifft_block_last");
  const std::string next_bank = banks == 1
                                    ? literal(0, bw)
                                    : "(ifft_bank == " + literal(banks - 1, bw) + ") ? " +
                                          literal(0, bw) + " : ifft_bank + " + literal(1, bw);
  e.open("always @(posedge clk) begin");
  e.open("if (rst || " + net::product_start + ") begin");
  e.line("ifft_active <= 1'b0; ifft_base <= " + literal(0, pw) +
         "; ifft_block <= " + literal(0, pb_bits) + "; ifft_beat <= " + literal(0, tw) +
         "; ifft_bank <= " + literal(0, bw) + "; groups_final <= " + literal(0, pw) +
         "; groups_started <= " + literal(0, pw) + ";");
  e.mid("end else begin");
  e.line("if (" + net::group_final + ") groups_final <= groups_final + " + literal(1, pw) + ";");
  e.open("if (" + valid + ") begin");
  if (p.log2_beats > 0)
    e.line("ifft_beat <= ifft_beat_last ? " + literal(0, tw) + " : ifft_beat + " + literal(1, tw) +
           ";");
  e.line("if (ifft_beat_last) ifft_block <= ifft_group_end ? " + literal(0, pb_bits) +
         " : ifft_block + " + literal(1, pb_bits) + ";");
  e.line("ifft_active <= !ifft_group_end;");
  e.line("if (ifft_group_end) begin ifft_base <= ifft_base + " + literal(pbk, pw) +
         "; groups_started <= groups_started + " + literal(1, pw) + "; ifft_bank <= " + next_bank +
         "; end");
  e.close("end");
  e.close("end");
  e.close("end");
  e.line("// the bank is free for group g+B from the cycle after this group's last IFFT beat");
  e.line("assign " + net::bank_release + " = ifft_group_end ? " + literal(1, banks) +
         " << ifft_bank : " + literal(0, banks) + ";");
}

/// IFFT input lane `x` of beat t reads the accumulator word of block ifft_block in ifft_bank.
void emit_feed_mux(Body& b, const TopPlan& p) {
  Emitter& e = b.out();
  const int A = p.spec->formats.accumulator.bits, pb_bits = bits_for(p.parallel_blocks - 1);
  const int tw = std::max(p.log2_beats, 1), k = p.block_size;
  const int depth = p.accumulator_banks * p.issue_cycles, dw = bits_for(depth - 1);
  const int lanes_in = p.unrolled ? k / 2 + 1 : p.samples_per_beat;
  e.blank().line(
      "// accumulator read network: lane l of beat t = bin min(i, k-i), i = t*S + l; unrolled: "
      "bin l");
  b.wire("ifft_acc_base", dw,
         p.accumulator_banks == 1 ? literal(0, dw)
                                  : zext("ifft_bank", bits_for(p.accumulator_banks - 1), dw) +
                                        " * " + literal(p.issue_cycles, dw));
  for (int x = 0; x < lanes_in; ++x) {
    const std::string X = n2s(x), re = "feed_re_" + X, im = "feed_im_" + X;
    b.regs({re, im}, A);
    e.open("always @(*) begin");
    e.line(re + " = " + literal(0, A) + "; " + im + " = " + literal(0, A) + ";");
    e.open("case ({ifft_block, ifft_beat})");
    for (int blk = 0; blk < p.parallel_blocks; ++blk) {
      for (int t = 0; t < p.beats; ++t) {
        const int i = t * p.samples_per_beat + x, bin = p.unrolled ? x : std::min(i, k - i);
        bool in_im = false;
        const int u = blk * p.block_words + p.word_of_bin(bin, &in_im);
        const int lane = u % p.mac_lanes, c = u / p.mac_lanes;
        const std::string at = "[ifft_acc_base + " + literal(c, dw) + "]";
        const bool real_bin = bin == 0 || bin == k / 2;
        e.line("{" + literal(blk, pb_bits) + ", " + literal(t, tw) + "}: begin " + re + " = " +
               (in_im ? net::acc_im(lane) : net::acc_re(lane)) + at + "; " +
               (real_bin ? "" : im + " = " + net::acc_im(lane) + at + "; ") + "end");
      }
    }
    e.line("default: ;");
    e.close("endcase");
    e.close("end");
  }
  std::string re, im;
  for (int x = lanes_in - 1; x >= 0; --x) {
    re += (re.empty() ? "" : ", ") + std::string("feed_re_") + n2s(x);
    im += (im.empty() ? "" : ", ") + std::string("feed_im_") + n2s(x);
  }
  e.line("assign " + net::ifft_in_re + " = {" + re + "};");
  e.line("assign " + net::ifft_in_im + " = {" + im + "};");
}

}  // namespace

void emit_ifft_and_output(Body& b, Design& d, const TopPlan& p) {
  emit_ifft_sequencer(b, p);
  emit_feed_mux(b, p);
  emit_output_banks(b, d, p);
}

}  // namespace circa::gen
