import { setFlagsFromString } from "node:v8";

// Loading the server's modules allocates in bursts that survive (sources, compiled schemas), and V8 answers
// each one by doubling the young generation until it reaches its maximum: about 11 MB that an idle
// server then keeps resident. Holding the growth factor at 1 while the server starts keeps the young
// generation at its first size; releasing it once the server listens lets load grow it as before, so
// throughput is unchanged. The flag is read each time V8 grows the space, so changing it at run time
// takes effect.
const V8_DEFAULT_GROWTH_FACTOR = 2;

/** Stops the young generation from growing; the returned function lets it grow again. */
export function holdYoungGenerationGrowth(): () => void {
  setFlagsFromString("--semi-space-growth-factor=1");
  let released = false;
  return () => {
    if (released) return;
    released = true;
    setFlagsFromString(`--semi-space-growth-factor=${V8_DEFAULT_GROWTH_FACTOR}`);
  };
}
