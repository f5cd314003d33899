// Server-sent events read from a fetch() body. EventSource can neither POST nor send the
// Authorization header, so the app reads the stream itself: `SseParser` turns text, in whatever
// pieces the network delivers it, into events, as the HTML standard's event-stream rules say
// (lines end in CRLF, LF or CR; `:` starts a comment; `data:` lines join with "\n"; a blank line
// dispatches; an event cut off by the end of the stream is dropped).

const LINE_END = /\r\n|\r|\n/;

export class SseParser {
  #rest = "";
  #afterCR = false;
  #started = false;
  #type = "";
  #data = [];
  #id = "";

  /** The events that `text` completes, each `{event, data, id}`; `event` is "message" unless named. */
  feed(text) {
    if (!text) return [];
    let chunk = this.#afterCR && text[0] === "\n" ? text.slice(1) : text;
    if (!this.#started) {
      this.#started = true;
      if (chunk[0] === "\uFEFF") chunk = chunk.slice(1);
    }
    // A CR at the end of a piece may be the first half of a CRLF: its LF is skipped next time.
    this.#afterCR = chunk.endsWith("\r");
    const lines = (this.#rest + chunk).split(LINE_END);
    this.#rest = lines.pop();
    const events = [];
    for (const line of lines) {
      const event = this.#line(line);
      if (event) events.push(event);
    }
    return events;
  }

  /** The stream ended: whatever was not yet dispatched is dropped, as the standard says. */
  end() {
    this.#rest = "";
    this.#type = "";
    this.#data = [];
  }

  #line(line) {
    if (line === "") return this.#dispatch();
    if (line[0] === ":") return null;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value[0] === " ") value = value.slice(1);
    if (field === "event") this.#type = value;
    else if (field === "data") this.#data.push(value);
    else if (field === "id" && !value.includes("\0")) this.#id = value;
    return null;
  }

  #dispatch() {
    const type = this.#type || "message";
    const data = this.#data;
    this.#type = "";
    this.#data = [];
    return data.length ? { event: type, data: data.join("\n"), id: this.#id } : null;
  }
}

/** Every event of `response`'s body as it arrives; leaving the loop early closes the stream. */
export async function* readEvents(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* parser.feed(decoder.decode(value, { stream: true }));
    }
    yield* parser.feed(decoder.decode());
    parser.end();
  } finally {
    await reader.cancel().catch(() => {});
  }
}
