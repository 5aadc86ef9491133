// The function of the end-to-end figure, the same file for every runtime client: plain JavaScript
// that Lambda's `_HANDLER=index.handler` loads. `{ work: "sleep" | "cpu" | "noop", ms }`.
export const handler = async (event) => {
  const ms = Number(event?.ms ?? 0);
  if (event?.work === "sleep") await new Promise((resolve) => setTimeout(resolve, ms));
  else if (event?.work === "cpu") {
    // Busy for `ms` of wall time on the event loop, as a CPU-bound handler is.
    const until = performance.now() + ms;
    let x = 0;
    while (performance.now() < until) x += Math.sqrt(x + 1);
    return { work: event.work, ms, x: x > 0 };
  }
  return { work: event?.work ?? "noop", ms };
};
