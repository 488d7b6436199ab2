/**
 * A progress line for long commands: redrawn in place on a terminal, a line per tenth otherwise
 * (so logs stay readable). Written to stderr, leaving stdout for results.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastTenth = -1;
  let finished = false;
  return {
    update(done: number, total: number) {
      if (finished) return;
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round(ratio * width);
        stream.write(`\r${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${Math.round(ratio * 100)}%`);
        if (ratio === 1) {
          stream.write("\n");
          finished = true;
        }
      } else {
        const tenth = Math.floor(ratio * 10);
        if (tenth !== lastTenth) {
          lastTenth = tenth;
          stream.write(`${label}: ${tenth * 10}%\n`);
        }
        if (ratio === 1) finished = true;
      }
    },
  };
}
