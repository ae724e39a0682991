// circa_sram_1r1w: behavioural two-port SRAM (one write port, one read port, synchronous read:
// read data one cycle after the address; a read of the address being written returns the old
// word). The generated top uses it for the spectrum buffer, which the FFT writes while the MAC
// array starts reading. Like circa_sram_1rw, a flow swaps it for a macro; `circa synth` reads it
// as a black box.
module circa_sram_1r1w #(
  parameter integer DEPTH = 32,
  parameter integer WIDTH = 64,
  parameter integer AW = 5,            // address bits, >= log2(DEPTH)
  parameter INIT_FILE = ""
) (
  input  wire             clk,
  input  wire             we,
  /* verilator lint_off UNUSEDSIGNAL */  // bits above log2(DEPTH), when AW is wider
  input  wire [AW-1:0]    waddr,
  input  wire [WIDTH-1:0] wdata,
  input  wire             re,
  input  wire [AW-1:0]    raddr,
  /* verilator lint_on UNUSEDSIGNAL */
  output reg  [WIDTH-1:0] rdata
);
  reg [WIDTH-1:0] mem [0:DEPTH-1];

  initial begin
    if (INIT_FILE != "") $readmemh(INIT_FILE, mem);
  end

  // AW may exceed log2(DEPTH) (callers keep natural address widths): the index is then wider
  // than the array needs, which is harmless; only addresses below DEPTH are ever used.
  /* verilator lint_off WIDTH */
  always @(posedge clk) begin
    if (we) mem[waddr] <= wdata;
    if (re) rdata <= mem[raddr];
  end
  /* verilator lint_on WIDTH */
endmodule
