import assert from "node:assert/strict";
import { test } from "node:test";
import { readEvents, SseParser } from "../../src/alpaco/web/sse.js";

/** Feeds `pieces` one by one and gathers every event, as a stream delivering them would. */
function parse(...pieces) {
  const parser = new SseParser();
  const events = pieces.flatMap((piece) => parser.feed(piece));
  parser.end();
  return events.map(({ event, data }) => [event, data]);
}

const GENERATION = [
  'event: status\ndata: {"step": 1, "name": "intent", "message": "Analysing", "progress": 0}\n\n',
  'event: heartbeat\ndata: {"timestamp": "2030-01-01T00:00:00Z"}\n\n',
  'event: result\ndata: {"payload": {"problemId": "p-1", "title": "피보나치"}}\n\n',
].join("");

test("named events and their JSON data, heartbeats included", () => {
  const events = parse(GENERATION);
  assert.deepEqual(
    events.map(([event]) => event),
    ["status", "heartbeat", "result"],
  );
  assert.equal(JSON.parse(events[2][1]).payload.title, "피보나치");
});

test("any split into pieces gives the same events, down to one character at a time", () => {
  const whole = parse(GENERATION);
  for (let cut = 1; cut < GENERATION.length; cut += 1) {
    assert.deepEqual(parse(GENERATION.slice(0, cut), GENERATION.slice(cut)), whole, `cut at ${cut}`);
  }
  assert.deepEqual(parse(...GENERATION), whole);
});

test("CRLF, CR and LF all end lines, even a CRLF split between two pieces", () => {
  const expected = [
    ["message", "a"],
    ["message", "b"],
    ["message", "c"],
  ];
  assert.deepEqual(parse("data: a\r\n\r\ndata: b\r\rdata: c\n\n"), expected);
  assert.deepEqual(parse("data: a\r", "\n\r", "\ndata: b\r", "\r", "data: c\n", "\n"), expected);
  // A lone CR at the end of a piece followed by a line that is not LF is still a line end.
  assert.deepEqual(parse("data: a\r", "\r"), [["message", "a"]]);
});

test("multi-line data joins with newlines; one space after the colon is dropped, no more", () => {
  assert.deepEqual(parse("data: first\ndata:second\ndata:  third\ndata\n\n"), [["message", "first\nsecond\n third\n"]]);
  assert.deepEqual(parse("data:\n\n"), [["message", ""]]);
});

test("comments, unknown fields and events without data dispatch nothing", () => {
  assert.deepEqual(parse(": keep-alive\n\n:\n\nretry: 10\nfoo: bar\n\nevent: lonely\n\n"), []);
  // The event name does not carry over to the next event.
  assert.deepEqual(parse("event: status\n\ndata: x\n\n"), [["message", "x"]]);
  assert.deepEqual(parse(": keep-alive\n\ndata: [DONE]\n\n"), [["message", "[DONE]"]]);
});

test("an event cut off by the end of the stream is dropped; a leading BOM is ignored", () => {
  assert.deepEqual(parse('data: {"token": "a"}\n\ndata: {"token": "b"}\n'), [["message", '{"token": "a"}']]);
  assert.deepEqual(parse("\uFEFFdata: x\n\n"), [["message", "x"]]);
  assert.deepEqual(parse("\uFEFF", "data: x\n\n"), [["message", "x"]]);
});

test("data may hold any character but line ends: U+2028 and form feeds stay inside", () => {
  assert.deepEqual(parse('data: {"token": "a\u2028b\fc"}\n\n'), [["message", '{"token": "a\u2028b\fc"}']]);
});

function streamOf(chunks) {
  const encoder = new TextEncoder();
  return new Response(
    new ReadableStream({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
        controller.close();
      },
    }),
  );
}

test("readEvents decodes UTF-8 split inside a character and yields events as they complete", async () => {
  const bytes = new TextEncoder().encode('data: {"token": "피보나치"}\n\n');
  const cut = bytes.indexOf(0xed) + 1; // inside the three bytes of 피
  const events = [];
  for await (const event of readEvents(streamOf([bytes.slice(0, cut), bytes.slice(cut), "data: [DONE]\n\n"]))) {
    events.push(event.data);
  }
  assert.deepEqual(events, ['{"token": "피보나치"}', "[DONE]"]);
});

test("leaving readEvents early cancels the body", async () => {
  let cancelled = false;
  const response = new Response(
    new ReadableStream({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode("data: again\n\n"));
      },
      cancel() {
        cancelled = true;
      },
    }),
  );
  for await (const event of readEvents(response)) {
    assert.equal(event.data, "again");
    break;
  }
  assert.ok(cancelled);
});
