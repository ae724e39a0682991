// circa_round_sat: the datapath's one re-quantisation primitive, bit-exact with
// num::requantize() / round_shift() + fit() (sim/numerics/fixed_point.cpp):
//   SHIFT > 0 : drop SHIFT fractional bits with ROUND
//               (0 truncate = floor, 1 nearest_up = half toward +inf, 2 nearest_even)
//   SHIFT <= 0: shift left by -SHIFT (exact)
// then bring the value into OW bits: SAT = 1 clamps to the two's-complement range, SAT = 0 wraps
// (keeps the low OW bits). Purely combinational; the caller registers the result. Overflow
// events are counted by the golden model (num::OverflowCounts), not in hardware.
// Verilog-2005, hand-written, parameterized; the generator instantiates it with constants.
module circa_round_sat #(
  parameter integer IW    = 32,  // input width, signed
  parameter integer OW    = 16,  // output width, signed, >= 2
  parameter integer SHIFT = 0,   // fractional bits dropped (> 0) or added (< 0)
  parameter integer ROUND = 1,   // 0 truncate, 1 nearest_up, 2 nearest_even
  parameter integer SAT   = 1    // 1 saturate, 0 wrap
) (
  input  wire [IW-1:0] in,
  output wire [OW-1:0] out
);
  localparam integer LS = (SHIFT < 0) ? -SHIFT : 0;
  localparam integer RS = (SHIFT > 0) ? SHIFT : 0;
  // EW holds every intermediate exactly: the input, a left shift, and the +1 of rounding up;
  // at least RS+2 bits so the dropped field and the rounding constant always fit.
  localparam integer EW = ((IW > RS) ? IW : RS) + LS + 2;

  wire [EW-1:0] ext = {{(EW-IW){in[IW-1]}}, in};
  wire [EW-1:0] rounded;

  generate
    if (SHIFT <= 0) begin : g_left
      assign rounded = ext << LS;
    end else begin : g_right
      wire [EW-1:0] q = $signed(ext) >>> RS;  // floor(in / 2^RS)
      wire up;                                  // add one LSB to the floor
      if (ROUND == 0) begin : g_trunc
        assign up = 1'b0;
      end else if (ROUND == 1) begin : g_up
        assign up = ext[RS-1];                  // remainder >= half
      end else if (RS == 1) begin : g_even1
        assign up = ext[0] & q[0];              // exactly half: round to even
      end else begin : g_even
        wire above = |ext[RS-2:0];              // remainder > half when the top dropped bit is set
        assign up = ext[RS-1] & (above | q[0]);
      end
      assign rounded = q + {{(EW-1){1'b0}}, up};
    end

    if (EW <= OW) begin : g_fits
      assign out = {{(OW-EW){rounded[EW-1]}}, rounded};
    end else begin : g_narrow
      // The value fits iff every bit from OW-1 up equals the sign.
      wire fits = (&rounded[EW-1:OW-1]) | ~(|rounded[EW-1:OW-1]);
      wire [OW-1:0] clamp = rounded[EW-1] ? {1'b1, {(OW-1){1'b0}}} : {1'b0, {(OW-1){1'b1}}};
      assign out = (fits || SAT == 0) ? rounded[OW-1:0] : clamp;
    end
  endgenerate
endmodule
