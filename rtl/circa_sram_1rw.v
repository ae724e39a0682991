// circa_sram_1rw: behavioural single-port SRAM bank (one read/write port, synchronous read,
// read data one cycle after the address). This is the module a flow swaps for a real macro:
// generated memory wrappers instantiate only this, and `circa synth` reads it as a black box.
// INIT_FILE, when not empty, is loaded with $readmemh (the generator's weight images).
module circa_sram_1rw #(
  parameter integer DEPTH = 32,
  parameter integer WIDTH = 64,
  parameter integer AW = 5,            // address bits, >= log2(DEPTH)
  parameter INIT_FILE = ""
) (
  input  wire             clk,
  input  wire             en,          // access this cycle
  input  wire             we,          // write (else read)
  /* verilator lint_off UNUSEDSIGNAL */  // bits above log2(DEPTH), when AW is wider
  input  wire [AW-1:0]    addr,
  /* verilator lint_on UNUSEDSIGNAL */
  input  wire [WIDTH-1:0] wdata,
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
    if (en) begin
      if (we) mem[addr] <= wdata;
      else rdata <= mem[addr];
    end
  end
  /* verilator lint_on WIDTH */
endmodule
