import { describe, expect, it } from "vitest";
import { encodeSseFrame } from "./sse.js";

describe("SSE frames", () => {
  it.each([
    ["a string is one data line", "hello", "data: hello\n\n"],
    ["multi-line data becomes one data line per line", { data: "a\nb\r\nc\rd" }, "data: a\ndata: b\ndata: c\ndata: d\n\n"],
    ["a value that is not a string goes as JSON", { data: { n: 1 } }, 'data: {"n":1}\n\n'],
    ["event, id and retry come before the data", { data: "x", event: "tick", id: "7", retry: 2000 }, "event: tick\nid: 7\nretry: 2000\ndata: x\n\n"],
    ["an empty string is one empty data line", "", "data: \n\n"],
  ])("%s", (_what, frame, expected) => {
    expect(encodeSseFrame(frame)).toBe(expected);
  });

  it.each([
    ["an event with a line break", { data: "x", event: "a\nb" }, /SSE frame event: expected a string without line breaks, received "a\\nb"/],
    ["an id with a line break", { data: "x", id: "1\r" }, /SSE frame id: expected a string without line breaks/],
    ["a negative retry", { data: "x", retry: -1 }, /SSE frame retry: expected a whole number of milliseconds >= 0, received -1/],
    ["no data", { event: "x" }, /SSE frame: expected a string or \{ data, event\?, id\?, retry\? \}/],
    ["undefined data", { data: undefined }, /SSE frame data: expected a string or a JSON value, received undefined/],
  ])("rejects %s with a TypeError naming the field", (_what, frame, message) => {
    expect(() => encodeSseFrame(frame as never)).toThrow(message);
  });
});
