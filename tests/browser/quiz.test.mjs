// Real-browser test of quizzes (issue 8, deliverable 3), run by tests/browser/run.sh after the
// portal suite against the same demo server (env BASE_URL, PASSWORD, ARTIFACTS):
//   1  the programme admin (thuongtruc.hoa) signs in and notes the demo quiz's attempts of a
//      school;
//   2  a resident on a 360 px phone takes the demo quiz for that school, without an account, and
//      sees the score and the explanations;
//   3  the programme admin sees the attempt counted for the school (and the ward above it);
//   4  every quiz page: HTTP 200, no CSP violation or script error, no sideways scroll at 360 px,
//      no serious or critical axe-core violation (the result page included, after one more
//      attempt).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { Check, Steps } from './lib/harness.mjs';
import {
  AxeViolations, Env, Open, SignIn as SignInAs, Url, WatchErrors, kDesktop, kLocale, kPhone,
} from './lib/pages.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

const kBase = Env('BASE_URL').replace(/\/$/, '');
const kPassword = Env('PASSWORD');
const kArtifacts = Env('ARTIFACTS');
const kAdmin = 'thuongtruc.hoa';
const kQuiz = '/cau-do/nhan-dien-lua-dao';
const kSchool = 'thcs-pho-minh';
const kWard = 'pho-minh';

const state = { resultsPath: null, before: {}, score: null };

async function NoSidewaysScroll(page, where, ctx) {
  const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth,
                                         inner: window.innerWidth }));
  if (m.scroll > Math.min(m.inner, 360) + 1) ctx.fail(`${where}: scrollWidth ${m.scroll} at 360 px`);
}

// Attempts of `unit` in the results table (0 when the unit has no row yet).
async function UnitAttempts(page, unit) {
  const cell = page.locator(`#quiz-units tr[data-unit="${unit}"] td[data-attempts]`);
  if (await cell.count() === 0) return 0;
  return Number(await cell.getAttribute('data-attempts'));
}

async function SignIn(page) {
  await SignInAs(page, kAdmin, '/quan-tri/cau-do');
}

async function Main() {
  fs.mkdirSync(kArtifacts, { recursive: true });
  const steps = new Steps(kArtifacts);
  const errors = [];
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--no-proxy-server'],
  });
  const admin = await browser.newContext({ ...kDesktop, ...kLocale });
  const phone = await browser.newContext({ ...kPhone, ...kLocale });
  try {
    const page = await admin.newPage();
    WatchErrors(page, errors);

    await steps.Run('1', 'the programme admin opens the demo quiz\'s results', async (ctx) => {
      ctx.page = page;
      await SignIn(page);
      const link = page.locator('table a', { hasText: 'Nhận diện lừa đảo trên mạng' });
      Check(await link.count() === 1, 'the demo quiz is not in the list');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
      state.resultsPath = new URL(page.url()).pathname;
      Check(/^\/quan-tri\/cau-do\/\d+$/.test(state.resultsPath), `landed at ${state.resultsPath}`);
      Check((await page.locator('#quiz-status').innerText()).trim() === 'Đang mở', 'not open');
      state.before.total = Number((await page.locator('#total-attempts').innerText()).trim());
      Check(state.before.total >= 30, `the demo has ${state.before.total} attempts, want ~40`);
      state.before.school = await UnitAttempts(page, kSchool);
      state.before.ward = await UnitAttempts(page, kWard);
      await page.screenshot({ path: path.join(kArtifacts, 'quiz-results-desktop.png'), fullPage: true });
    });

    await steps.Run('2', 'a resident on a phone takes the quiz and sees the score', async (ctx) => {
      const p = await phone.newPage();
      WatchErrors(p, errors);
      ctx.page = p;
      await Open(p, '/cau-do');
      await Promise.all([p.waitForNavigation({ waitUntil: 'load' }),
                         p.getByRole('link', { name: 'Nhận diện lừa đảo trên mạng' }).click()]);
      Check(new URL(p.url()).pathname === kQuiz, `landed at ${p.url()}`);
      const body = await p.content();
      Check(!body.includes('Công an không bao giờ làm việc qua điện thoại'),
            'an explanation is on the page before submitting');
      await p.getByLabel('Họ tên').fill('Nguyễn Thị Lan');
      await p.getByLabel('Đơn vị của bạn').selectOption(kSchool);
      const questions = p.locator('fieldset.quiz-question');
      const n = await questions.count();
      Check(n === 10, `${n} questions, want 10`);
      // Submitting with one question unanswered keeps the answers and names the question.
      for (let i = 0; i < n - 1; ++i) await questions.nth(i).locator('label.quiz-choice').nth(1).click();
      await p.screenshot({ path: path.join(kArtifacts, 'quiz-take-phone.png'), fullPage: true });
      await Promise.all([p.waitForNavigation({ waitUntil: 'load' }),
                         p.getByRole('button', { name: 'Nộp bài và xem kết quả' }).click()]);
      Check(await p.locator('#errors').count() === 1, 'no error summary for the missing answer');
      Check((await p.locator('#errors').innerText()).includes('Câu 10'), 'question 10 not named');
      Check(await p.locator('#q1-1').isChecked(), 'the first answer was not kept');
      Check((await p.locator('#unit').inputValue()) === kSchool, 'the unit was not kept');
      await questions.nth(n - 1).locator('label.quiz-choice').nth(2).click();
      await Promise.all([p.waitForNavigation({ waitUntil: 'load' }),
                         p.getByRole('button', { name: 'Nộp bài và xem kết quả' }).click()]);
      const result = p.locator('#quiz-result');
      Check(await result.count() === 1, 'no result');
      state.score = Number(await result.getAttribute('data-score'));
      Check(state.score >= 0 && state.score <= 10, `score ${state.score}`);
      Check((await result.getAttribute('data-total')) === '10', 'total is not 10');
      Check((await p.locator('h1').innerText()).includes('Nguyễn Thị Lan'), 'the name is not shown');
      Check(await p.locator('.quiz-explanation').count() === 10, 'explanations missing');
      await NoSidewaysScroll(p, 'the result page', ctx);
      await p.screenshot({ path: path.join(kArtifacts, 'quiz-result-phone.png'), fullPage: true });
    });

    await steps.Run('3', 'the programme admin sees the attempt counted for the school', async (ctx) => {
      ctx.page = page;
      await Open(page, state.resultsPath);
      const total = Number((await page.locator('#total-attempts').innerText()).trim());
      Check(total === state.before.total + 1, `total ${total}, want ${state.before.total + 1}`);
      const school = await UnitAttempts(page, kSchool);
      Check(school === state.before.school + 1, `school ${school}, want ${state.before.school + 1}`);
      const ward = await UnitAttempts(page, kWard);
      Check(ward === state.before.ward + 1, `ward ${ward}, want ${state.before.ward + 1}`);
      const csv = await page.request.get(Url(state.resultsPath + '/ket-qua.csv'));
      Check(csv.status() === 200, `CSV: HTTP ${csv.status()}`);
      Check((await csv.text()).includes(`"${kSchool}"`), 'the school is not in the CSV');
    }, { needs: ['1', '2'] });

    await steps.Run('4', 'quiz pages: no CSP error, no sideways scroll at 360 px, axe-core',
                    async (ctx) => {
      const targets = ['/cau-do', kQuiz, '/quan-tri/cau-do', '/quan-tri/cau-do/moi',
                       state.resultsPath, state.resultsPath + '/sua'];
      const cookies = await admin.cookies();
      for (const [width, options] of [[360, kPhone], [1280, kDesktop]]) {
        const c = await browser.newContext({ ...options, ...kLocale, bypassCSP: true });
        await c.addCookies(cookies);
        const p = await c.newPage();
        ctx.page = p;
        for (const target of targets) {
          await Open(p, target);
          if (width === 360) await NoSidewaysScroll(p, target, ctx);
          for (const v of await AxeViolations(p)) ctx.fail(`${width} px ${target}: ${v}`);
        }
        // The result page (after a submission): answers every question with its first option.
        await Open(p, kQuiz);
        const questions = p.locator('fieldset.quiz-question');
        for (let i = 0; i < await questions.count(); ++i) {
          await questions.nth(i).locator('input[type=radio]').first().check();
        }
        await Promise.all([p.waitForNavigation({ waitUntil: 'load' }),
                           p.locator('#quiz-form button[type=submit]').click()]);
        Check(await p.locator('#quiz-result').count() === 1, `${width} px: no result page`);
        if (width === 360) await NoSidewaysScroll(p, 'the result page', ctx);
        for (const v of await AxeViolations(p)) ctx.fail(`${width} px result page: ${v}`);
        await c.close();
      }
      for (const e of errors) ctx.fail(e);
    }, { needs: ['1'] });
  } finally {
    await browser.close();
  }
  return steps.Summary();
}

Main().then((code) => process.exit(code), (e) => {
  console.error(`quiz.test: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
