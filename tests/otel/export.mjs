// export.mjs
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What a user's Node.js service does: trace model calls with the official
// OpenTelemetry SDK and export them with its OTLP/HTTP JSON exporter. The
// collector test runs it against `tally collect` and then checks that the
// store holds exactly the spans and tokens printed here.
//
// Usage: node export.mjs URL COMPRESSION TOKEN COUNT
//   COMPRESSION is "gzip" or "none"; TOKEN may be "" for none.
// Prints {"spans":N,"input_tokens":N,"output_tokens":N} on success; exits 1
// when the collector refused the export.

import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';

const [url, compression, token, countText] = process.argv.slice(2);
const count = Number(countText);

const exporter = new OTLPTraceExporter({
  url: `${url}/v1/traces`,
  compression,
  headers: token ? { Authorization: `Bearer ${token}` } : {},
});

// Remember whether any export failed: the SDK only logs it.
let failure = null;
const checking = {
  export(spans, done) {
    exporter.export(spans, (result) => {
      if (result.code !== 0) // ExportResultCode.SUCCESS
        failure = result.error ?? new Error('export failed');
      done(result);
    });
  },
  shutdown: () => exporter.shutdown(),
  forceFlush: () => exporter.forceFlush(),
};

const provider = new BasicTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'otel-export-test', 'tally.project': 'sdk' }),
  spanProcessors: [new SimpleSpanProcessor(checking)],
});
const tracer = provider.getTracer('tally-collector-test');

const start = Date.now() - 120000;
let inputTokens = 0;
let outputTokens = 0;
for (let i = 0; i < count; i++) {
  const input = 100 + i * 7;
  const output = 20 + i;
  const span = tracer.startSpan(`chat gpt-4o-mini`, {
    startTime: start + i * 1000,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.usage.input_tokens': input,
      'gen_ai.usage.output_tokens': output,
      'http.response.status_code': 200,
    },
  });
  span.end(start + i * 1000 + 250 + i);
  inputTokens += input;
  outputTokens += output;
}

// A span that is not a model call: accepted by OTLP, ignored by Tally.
tracer.startSpan('GET /health', { startTime: start }).end(start + 5);

await provider.forceFlush();
await provider.shutdown();

if (failure) {
  console.error(`export failed: ${failure.message ?? failure}`);
  process.exit(1);
}
console.log(JSON.stringify({ spans: count, input_tokens: inputTokens, output_tokens: outputTokens }));
