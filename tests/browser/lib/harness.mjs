// A small step runner for the browser tests: named steps, run in order, each passing or failing
// with its reason; a step whose prerequisites failed is reported as blocked (a failure too).
// On a failure the current page of the step (if any) is saved to ARTIFACTS as a screenshot.
import fs from 'node:fs';
import path from 'node:path';

export class Steps {
  constructor(artifacts) {
    this.artifacts_ = artifacts;
    this.results_ = [];  // {name, status: 'pass'|'fail'|'blocked', ms, error}
    this.state_ = new Map();  // step id -> 'pass'|'fail'|'blocked'
  }

  // Runs `fn(ctx)` as step `id` ("3") named `name`, unless one of `needs` (ids) did not pass.
  // `ctx.page` may be set by the step to the page to screenshot on failure; `ctx.fail(msg)`
  // records a failure without stopping the step (for loops over many pages).
  async Run(id, name, fn, { needs = [] } = {}) {
    const label = `[${id}] ${name}`;
    const missing = needs.filter((n) => this.state_.get(n) !== 'pass');
    if (missing.length > 0) {
      const why = `blocked: step(s) ${missing.join(', ')} did not pass`;
      console.log(`BLOCKED ${label} (${why})`);
      this.results_.push({ id, name, status: 'blocked', ms: 0, error: why });
      this.state_.set(id, 'blocked');
      return;
    }
    console.log(`RUN     ${label}`);
    const ctx = { page: null, failures: [], fail: (msg) => ctx.failures.push(msg) };
    const start = Date.now();
    let error = null;
    try {
      await fn(ctx);
      if (ctx.failures.length > 0) error = new Error(ctx.failures.join('\n'));
    } catch (e) {
      error = e;
    }
    const ms = Date.now() - start;
    if (error === null) {
      console.log(`PASS    ${label} (${ms} ms)`);
      this.results_.push({ id, name, status: 'pass', ms });
      this.state_.set(id, 'pass');
      return;
    }
    console.log(`FAIL    ${label} (${ms} ms)`);
    console.log(Indent(String(error && error.stack ? error.stack : error)));
    if (ctx.page && !ctx.page.isClosed()) {
      const file = path.join(this.artifacts_, `failure-step-${id}.png`);
      try {
        console.log(`        page at failure: ${ctx.page.url()}`);
        await ctx.page.screenshot({ path: file, fullPage: true, timeout: 5000 });
        console.log(`        screenshot: ${file}`);
      } catch (e) {
        console.log(`        (no screenshot: ${e.message.split('\n')[0]})`);
      }
    }
    this.results_.push({ id, name, status: 'fail', ms, error: String(error.message || error) });
    this.state_.set(id, 'fail');
  }

  Passed(id) {
    return this.state_.get(id) === 'pass';
  }

  // Prints the summary; returns the process exit code (0 when every step passed).
  Summary() {
    const count = (s) => this.results_.filter((r) => r.status === s).length;
    console.log('\nSummary:');
    for (const r of this.results_) {
      console.log(`  ${r.status.toUpperCase().padEnd(7)} [${r.id}] ${r.name}`);
    }
    const failed = count('fail') + count('blocked');
    console.log(`${count('pass')} passed, ${failed} failed (${count('blocked')} of them blocked)`);
    fs.writeFileSync(path.join(this.artifacts_, 'results.json'),
                     JSON.stringify(this.results_, null, 2) + '\n');
    return failed === 0 ? 0 : 1;
  }
}

export function Indent(text) {
  return text.split('\n').map((l) => `        ${l}`).join('\n');
}

// Throws with `message` unless `condition`.
export function Check(condition, message) {
  if (!condition) throw new Error(message);
}

// A file name for the page at `urlPath` ("/kiem-tra?q=..." -> "kiem-tra_q_...").
export function SlugOf(urlPath) {
  const s = urlPath.replace(/^\//, '').replace(/[^A-Za-z0-9-]+/g, '_').replace(/_+$/, '');
  return (s || 'trang-chu').slice(0, 80);
}

export function Sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
