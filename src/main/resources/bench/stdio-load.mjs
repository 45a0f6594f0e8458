// bench reliability: N stdio servers on one ledger, each driven by the official TypeScript MCP
// client making M record_token_event calls (C at a time), as N Claude Code sessions would.
// Prints one JSON line per server, then exits.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [, , command, argsJson, serversArg, callsArg, concurrencyArg] = process.argv;
const args = JSON.parse(argsJson);
const servers = Number(serversArg), calls = Number(callsArg), concurrency = Number(concurrencyArg);

async function session(s) {
  const transport = new StdioClientTransport({ command, args, stderr: "ignore" });
  const client = new Client({ name: "bench-reliability", version: "1" });
  const started = performance.now();
  await client.connect(transport);
  let answered = 0, errors = 0, lastAnswered = false;
  const samples = [];
  let next = 0;
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= calls) return;
      try {
        const r = await client.callTool({
          name: "record_token_event",
          arguments: { input_tokens: 100, output_tokens: 20, model: "claude-haiku-4-5",
                       task_id: `REL-${s}`, record_key: `rel-${s}-${i}` },
        }, undefined, { timeout: 120000 });
        if (r.isError) { errors++; if (samples.length < 3) samples.push(JSON.stringify(r.content)); }
        else { answered++; if (i === calls - 1) lastAnswered = true; }
      } catch (e) {
        errors++;
        if (samples.length < 3) samples.push(String(e && e.message || e));
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const callsMs = performance.now() - started;
  // Close as a client does (end stdin) and see whether the server exits by itself: the SDK
  // sends SIGTERM only if it has not after 2 s.
  const proc = transport._process;
  const closing = performance.now();
  let exitMs = null, signal = null;
  if (proc) proc.once("exit", (code, sig) => { exitMs = performance.now() - closing; signal = sig; });
  await client.close();
  await new Promise((r) => setTimeout(r, 50));
  return { server: s, answered, errors, lastAnswered, samples, callsMs, exitMs, exitedBySignal: signal };
}

const results = await Promise.all(Array.from({ length: servers }, (_, s) => session(s)));
for (const r of results) console.log(JSON.stringify(r));
process.exit(0);
