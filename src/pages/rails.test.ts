import { describe, expect, it } from "vitest";
import { Rails, railKey, railTag } from "./rails.js";

const TODAYS = railKey<string[]>("todays");
const MOST_READ = railKey<string[]>("most-read");

function setup() {
  const data = { todays: ["a"], mostRead: ["x"] };
  const loads = { todays: 0, mostRead: 0 };
  let fail = false;
  const rails = new Rails({ now: () => new Date("2026-07-01T10:00:00Z") });
  rails.define(TODAYS, async () => {
    loads.todays += 1;
    const read = [...data.todays]; // what a query reads when it starts
    await new Promise((r) => setTimeout(r, 5));
    if (fail) throw new Error("database down");
    return read;
  });
  rails.define(MOST_READ, async () => {
    loads.mostRead += 1;
    return [...data.mostRead];
  });
  return { rails, data, loads, failNext: (v: boolean) => (fail = v) };
}

describe("the rails", () => {
  it("load once, then answer from memory", async () => {
    const { rails, loads } = setup();
    expect(rails.isReady).toBe(false);
    await rails.ready();
    await rails.ready();
    expect(rails.get(TODAYS)).toEqual(["a"]);
    expect(loads).toEqual({ todays: 1, mostRead: 1 });
  });

  it("tell which rails changed on a reload, by their tags", async () => {
    const { rails, data } = setup();
    await rails.ready();
    expect(await rails.refresh()).toEqual([]);
    data.mostRead = ["y", "x"];
    expect(await rails.refresh()).toEqual([railTag(MOST_READ)]);
    expect(rails.get(MOST_READ)).toEqual(["y", "x"]);
    expect(railTag(MOST_READ)).toBe("rail-most-read");
  });

  it("run one more load for everyone who asked during a load, so a write committed meanwhile is seen", async () => {
    const { rails, data, loads } = setup();
    await rails.ready();
    const first = rails.refresh();
    data.todays = ["b", "a"]; // a write commits while the first load runs
    const asked = Promise.all([rails.refresh(), rails.refresh(), rails.refresh()]);
    await first;
    const [a, b, c] = await asked;
    expect([a, b, c]).toEqual([[railTag(TODAYS)], [railTag(TODAYS)], [railTag(TODAYS)]]);
    expect(rails.get(TODAYS)).toEqual(["b", "a"]);
    expect(loads.todays).toBe(3); // the first load, the initial one, and one shared by the three
  });

  it("keep the last content when a load fails", async () => {
    const { rails, data, failNext } = setup();
    await rails.ready();
    data.todays = ["c"];
    failNext(true);
    await expect(rails.refresh()).rejects.toThrow("database down");
    expect(rails.get(TODAYS)).toEqual(["a"]);
    failNext(false);
    expect(await rails.refresh()).toEqual([railTag(TODAYS)]);
  });
});
