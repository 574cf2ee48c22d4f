// Real-browser test of the plan's console pages (issue 9: tasks, self-assessments, budget,
// reviews), run by tests/browser/run.sh after the portal suite against the same demo server (env
// BASE_URL, PASSWORD, ARTIFACTS):
//   1  the programme admin (thuongtruc.hoa, desktop) assigns a task to Phổ Minh and Nguyễn
//      Nghiêm through the form; both tasks are listed, and the reminder CSV lists them;
//   2  the unit officer of Phổ Minh (canbo.phominh, phone) sees only the unit's task, opens it,
//      reports it done with a note and sees 100% and the note in the history;
//   3  the officer answers every question of Phổ Minh's checklist and sees the score (50%:
//      "Một phần" everywhere but one "Không áp dụng") on the unit's page and in the overview;
//   4  finance (ketoan.lan, desktop) records a spending on a budget line and sees the remaining
//      amount drop by exactly that amount, on the line and in the year's table;
//   5  the programme admin makes the review of the last six months in one click and downloads
//      its PDF and XLSX through the page's links (%PDF and PK, names ending .pdf and .xlsx);
//   6  every plan page (each list view, a task, the self-assessments, the budget, the reviews),
//      as a role that may open it: HTTP 200, no CSP violation or script error, no sideways
//      scroll at 360 px (screenshots plan-360-*.png), no serious or critical axe-core violation
//      at 360 and 1280 px.
// Other suites share the server: the steps find their own rows by a unique title or by reading
// the figures before changing them, never by counting what others may add.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { Check, SlugOf, Steps } from './lib/harness.mjs';
import {
  AxeViolations, Env, Open, SignIn, Url, WatchErrors, kDesktop, kLocale, kPhone,
} from './lib/pages.mjs';

const kArtifacts = Env('ARTIFACTS');
const kAdmin = 'thuongtruc.hoa';
const kOfficer = 'canbo.phominh';
const kFinance = 'ketoan.lan';
// Unique per run, so that a second run against the same server finds its own tasks.
const kTaskTitle = `Kiểm thử: rà soát mật khẩu Wi-Fi công cộng (${Date.now().toString(36)})`;
const kUnits = [{ code: 'pho-minh', name: 'Phường Phổ Minh' },
                { code: 'nguyen-nghiem', name: 'Phường Nguyễn Nghiêm' }];
const kProgressNote = 'Đã đổi mật khẩu Wi-Fi tại nhà văn hóa và trụ sở; dán hướng dẫn tại quầy.';
const kAssessmentNote = 'Kiểm thử: cần kế hoạch sao lưu và tập huấn thêm.';
const kBudgetActivity = 'In áp phích, tờ rơi cảnh báo';
const kSpendAmount = 350000;
const kSpendTyped = '350.000';  // as finance types it
const kSpendText = 'In 200 tờ rơi cảnh báo giả danh công an';
// The task list's views but the default one (dang-thuc-hien, the bare /quan-tri/nhiem-vu).
const kOtherTaskViews = ['qua-han', 'sap-den-han', 'da-xong', 'tat-ca'];

const state = {
  tasks: new Map(),  // unit code -> task page path
  demoTask: null,    // the demo's done task of Phổ Minh
  assessment: null,  // the officer's new assessment page
  budgetLine: null,  // the line spent on
  year: null,
  review: null,      // the review made in one click
  demoReview: null,  // another review of the list (the demo's)
};

// Today in Vietnam (UTC+7, no daylight saving) as dd/mm/yyyy, as the pages show dates.
function VietnamToday() {
  const iso = new Date(Date.now() + 7 * 3600000).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

// An amount as shown ("8.400.000 đ", "-150.000 đ") in đồng.
function Vnd(text) {
  const digits = text.replace(/[^\d-]/g, '');
  Check(/^-?\d+$/.test(digits), `'${text}' is not an amount`);
  return Number(digits);
}

async function Shot(page, name) {
  await page.screenshot({ path: path.join(kArtifacts, name), fullPage: true });
}

// Clicks `locator` and waits for the page it loads.
async function ClickAndLoad(page, locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
}

async function Notice(page) {
  const n = page.locator('[role=status].notice');
  return (await n.count()) > 0 ? (await n.first().innerText()).trim() : '';
}

// Opens `target` as `name`, signing in first when the session is missing (a step whose
// predecessor failed before signing in).
async function OpenAs(page, name, target) {
  const response = await page.goto(Url(target), { waitUntil: 'load' });
  if (new URL(page.url()).pathname === '/login') {
    await SignIn(page, name, target);
    return;
  }
  Check(response !== null && response.status() === 200,
        `GET ${target}: HTTP ${response && response.status()}, want 200`);
}

// The rows of #task-list holding the test's task.
function OwnTaskRows(page) {
  return page.locator('#task-list tbody tr').filter({ hasText: kTaskTitle });
}

// Clicks the download link named `name` on `page`; returns the file's suggested name, first bytes
// and size, and saves it to ARTIFACTS as `saveAs`.
async function Download(page, name, saveAs) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 120000 }),
    page.getByRole('link', { name, exact: true }).click(),
  ]);
  const failure = await download.failure();
  Check(failure === null, `${name}: the download failed (${failure})`);
  const file = await download.path();
  const head = fs.readFileSync(file).subarray(0, 8);
  await download.saveAs(path.join(kArtifacts, saveAs));
  return { name: download.suggestedFilename(), head, size: fs.statSync(file).size };
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
  const admin = await browser.newContext({ ...kDesktop, ...kLocale, acceptDownloads: true });
  const officer = await browser.newContext({ ...kPhone, ...kLocale });
  const finance = await browser.newContext({ ...kDesktop, ...kLocale });
  try {
    const adminPage = await admin.newPage();
    WatchErrors(adminPage, errors);
    const officerPage = await officer.newPage();
    WatchErrors(officerPage, errors);
    const financePage = await finance.newPage();
    WatchErrors(financePage, errors);

    await steps.Run('1', 'the programme admin assigns a task to two units', async (ctx) => {
      const page = adminPage;
      ctx.page = page;
      await SignIn(page, kAdmin, '/quan-tri/nhiem-vu');
      const form = page.locator('#task-form');
      for (const u of kUnits) await form.getByLabel(u.name, { exact: true }).check();
      await form.getByLabel(/^Rõ việc/).fill(kTaskTitle);
      await form.getByLabel(/^Rõ trách nhiệm/).fill('Trưởng Công an phường');
      await form.getByLabel(/^Rõ kết quả/).fill(
          'Mật khẩu mặc định đã đổi ở mọi điểm Wi-Fi công cộng của phường, có biên bản');
      Check(/^\d{4}-\d{2}-\d{2}$/.test(await form.getByLabel(/^Rõ thời gian/).inputValue()),
            'the deadline is not prefilled');
      await form.getByLabel(/^Chi tiết/).fill('Kiểm tra cả Wi-Fi tại nhà văn hóa các tổ dân phố.');
      await Shot(page, 'plan-task-form-desktop.png');
      await ClickAndLoad(page, form.getByRole('button', { name: 'Giao nhiệm vụ', exact: true }));
      Check(new URL(page.url()).pathname === '/quan-tri/nhiem-vu', `landed at ${page.url()}`);
      Check((await Notice(page)).startsWith('Đã giao nhiệm vụ'), 'no confirmation');
      // Both in the default view (active) and in "Tất cả".
      for (const view of ['', '?xem=tat-ca']) {
        if (view) await Open(page, `/quan-tri/nhiem-vu${view}`);
        const rows = OwnTaskRows(page);
        Check(await rows.count() === kUnits.length,
              `${view || 'default view'}: ${await rows.count()} rows of the new task, want 2`);
        for (const u of kUnits) {
          const row = rows.filter({ hasText: u.name });
          Check(await row.count() === 1, `${view || 'default view'}: no row for ${u.name}`);
          const href = await row.getByRole('link', { name: kTaskTitle }).getAttribute('href');
          Check(/^\/quan-tri\/nhiem-vu\/\d+$/.test(href), `task link ${href}`);
          state.tasks.set(u.code, href);
        }
      }
      Check(state.tasks.get('pho-minh') !== state.tasks.get('nguyen-nghiem'),
            'one task for both units, want one per unit');
      await Shot(page, 'plan-tasks-desktop.png');
      // The reminder CSV lists them too (a download link, so fetched with the session).
      const csvHref = await page.locator('#task-csv').getAttribute('href');
      const csv = await admin.request.get(new URL(csvHref, page.url()).href);
      Check(csv.status() === 200, `${csvHref}: HTTP ${csv.status()}`);
      Check(/^text\/csv/.test(csv.headers()['content-type'] || ''), 'the CSV is not text/csv');
      const body = await csv.text();
      Check(body.split(kTaskTitle).length - 1 === kUnits.length,
            'the reminder CSV does not list the task once per unit');
    });

    await steps.Run('2', 'the Phổ Minh officer reports the task done on a phone', async (ctx) => {
      const page = officerPage;
      ctx.page = page;
      await SignIn(page, kOfficer, '/quan-tri/nhiem-vu');
      const rows = OwnTaskRows(page);
      Check(await rows.count() === 1, `the officer sees ${await rows.count()} rows, want 1`);
      Check((await rows.innerText()).includes('Phường Phổ Minh'), 'not the Phổ Minh task');
      await Shot(page, 'plan-tasks-phone.png');
      await ClickAndLoad(page, rows.getByRole('link', { name: kTaskTitle }));
      Check(new URL(page.url()).pathname === state.tasks.get('pho-minh'),
            `opened ${page.url()}, want ${state.tasks.get('pho-minh')}`);
      Check((await page.locator('#task-history').count()) === 0, 'a new task with a history');
      await page.getByLabel('Trạng thái', { exact: true }).selectOption({ label: 'Đã hoàn thành' });
      await page.getByLabel('Đã làm được gì, còn vướng gì').fill(kProgressNote);
      await ClickAndLoad(page, page.getByRole('button', { name: 'Ghi tiến độ', exact: true }));
      Check((await Notice(page)) === 'Đã ghi tiến độ.', `notice '${await Notice(page)}'`);
      Check(await page.locator('#task-status').getAttribute('data-status') === 'done',
            'the status is not done');
      Check((await page.locator('#task-progress').innerText()).trim() === '100%',
            `progress ${await page.locator('#task-progress').innerText()}, want 100%`);
      const last = page.locator('#task-history tbody tr').filter({ hasText: kProgressNote });
      Check(await last.count() === 1, 'the note is not in the history');
      const cells = await last.locator('td').allInnerTexts();
      Check(cells.includes('100%') && cells.includes('Đã hoàn thành'),
            `history row ${JSON.stringify(cells)}`);
      await Shot(page, 'plan-task-done-phone.png');
      // Now under "Đã xong".
      await Open(page, '/quan-tri/nhiem-vu?xem=da-xong');
      Check(await OwnTaskRows(page).count() === 1, 'not in the done view');
      // The demo's done task of the ward, for the page audit.
      const demo = page.locator('#task-list tbody tr')
          .filter({ hasText: 'Rà soát quản trị viên nhóm Zalo và fanpage của phường' });
      if (await demo.count() > 0) {
        state.demoTask = await demo.first().getByRole('link').first().getAttribute('href');
      }
    }, { needs: ['1'] });

    await steps.Run('3', 'the officer fills the self-assessment of Phổ Minh', async (ctx) => {
      const page = officerPage;
      ctx.page = page;
      await OpenAs(page, kOfficer, '/quan-tri/tu-danh-gia');
      await ClickAndLoad(page, page.locator('#assessment-overview tr[data-unit="pho-minh"]')
          .getByRole('link', { name: 'Đánh giá Phường Phổ Minh' }));
      Check(new URL(page.url()).pathname === '/quan-tri/tu-danh-gia/pho-minh',
            `landed at ${page.url()}`);
      const items = page.locator('#assessment-form fieldset.plan-item');
      const n = await items.count();
      Check(n >= 2, `${n} questions on the checklist`);
      // "Một phần" everywhere scores 50% whatever the weights; "Không áp dụng" does not count.
      for (let i = 0; i < n; ++i) {
        const answer = i === 0 ? 'Không áp dụng' : 'Một phần';
        await items.nth(i).getByLabel(answer, { exact: true }).check();
      }
      for (let i = 0; i < n; ++i) {
        Check(await items.nth(i).locator('input[type=radio]:checked').count() === 1,
              `question ${i + 1} is not answered`);
      }
      await page.getByLabel(/^Ghi chú/).fill(kAssessmentNote);
      await ClickAndLoad(page, page.getByRole('button', { name: 'Lưu bản tự đánh giá' }));
      Check((await Notice(page)) === 'Đã lưu bản tự đánh giá.', `notice '${await Notice(page)}'`);
      Check((await page.locator('#latest-score').innerText()).trim() === '50%',
            `latest score ${await page.locator('#latest-score').innerText()}, want 50%`);
      const newest = page.locator('#assessment-history tbody tr').first();
      Check((await newest.innerText()).includes('50%'), 'the history does not start with 50%');
      state.assessment = await newest.getByRole('link').getAttribute('href');
      await Shot(page, 'plan-assessment-phone.png');
      // The overview shows the new score, dated today.
      await Open(page, '/quan-tri/tu-danh-gia');
      const row = page.locator('#assessment-overview tr[data-unit="pho-minh"]');
      const text = await row.innerText();
      Check(text.includes('50%'), `overview row '${text}' lacks 50%`);
      Check(text.includes(VietnamToday()), `overview row '${text}' not dated ${VietnamToday()}`);
      Check(await row.locator('meter').getAttribute('value') === '50', 'the meter is not at 50');
      await Shot(page, 'plan-assessments-phone.png');
      // The saved answers: one not applicable, the rest partly.
      await Open(page, state.assessment);
      Check((await page.locator('#assessment-score').innerText()).trim() === '50%', 'score');
      Check(await page.locator('#assessment-answers tr[data-answer="na"]').count() +
            await page.locator('#assessment-answers tr[data-answer="partly"]').count() === n,
            'the saved answers differ from those given');
    });

    await steps.Run('4', 'finance records a spending; the remaining amount drops', async (ctx) => {
      const page = financePage;
      ctx.page = page;
      await SignIn(page, kFinance, '/quan-tri/kinh-phi');
      state.year = (await page.locator('#y-year').inputValue()).trim();
      const row = page.locator('#budget-lines tbody tr').filter({ hasText: kBudgetActivity });
      Check(await row.count() === 1, `no line '${kBudgetActivity}'`);
      const remainingIn = async (r) => Vnd(await r.locator('td').last().innerText());
      const before = await remainingIn(row);
      const totalBefore = Vnd(await page.locator('#total-remaining').innerText());
      Check(before >= kSpendAmount, `only ${before} đ left on the line`);
      await ClickAndLoad(page, row.getByRole('link', { name: kBudgetActivity }));
      state.budgetLine = new URL(page.url()).pathname;
      Check(/^\/quan-tri\/kinh-phi\/\d+$/.test(state.budgetLine), `landed at ${page.url()}`);
      Check(Vnd(await page.locator('#line-remaining').innerText()) === before,
            'the line page and the year page disagree on the remaining amount');
      const form = page.locator('#spend-form');
      Check(await form.getByLabel('Ngày chi').inputValue() !== '', 'no date prefilled');
      await form.getByLabel(/^Số tiền/).fill(kSpendTyped);
      await form.getByLabel('Nội dung chi', { exact: true }).fill(kSpendText);
      await form.getByLabel(/^Số chứng từ/).fill('PC-KT-0001');
      await ClickAndLoad(page, form.getByRole('button', { name: 'Ghi khoản chi', exact: true }));
      Check((await Notice(page)) === 'Đã ghi khoản chi.', `notice '${await Notice(page)}'`);
      const after = Vnd(await page.locator('#line-remaining').innerText());
      Check(after === before - kSpendAmount, `remaining ${after}, want ${before - kSpendAmount}`);
      const spent = page.locator('#spending-list tbody tr').filter({ hasText: kSpendText });
      Check(await spent.count() >= 1, 'the spending is not listed');
      await Shot(page, 'plan-budget-line-desktop.png');
      await Open(page, `/quan-tri/kinh-phi?nam=${state.year}`);
      Check(await remainingIn(row) === before - kSpendAmount, 'the year table did not drop');
      const totalAfter = Vnd(await page.locator('#total-remaining').innerText());
      Check(totalAfter === totalBefore - kSpendAmount,
            `total remaining ${totalAfter}, want ${totalBefore - kSpendAmount}`);
      await Shot(page, 'plan-budget-desktop.png');
    });

    await steps.Run('5', 'the admin makes the six-month review and downloads it', async (ctx) => {
      const page = adminPage;
      ctx.page = page;
      await OpenAs(page, kAdmin, '/quan-tri/so-ket');
      const before = new Set(await page.locator('#review-list tbody tr').evaluateAll(
          (trs) => trs.map((tr) => tr.getAttribute('data-review'))));
      await ClickAndLoad(page, page.getByRole('button',
                                              { name: 'Lập báo cáo sơ kết 6 tháng gần nhất' }));
      state.review = new URL(page.url()).pathname;
      const id = (state.review.match(/^\/quan-tri\/so-ket\/(\d+)$/) || [])[1];
      Check(id !== undefined, `landed at ${page.url()}`);
      Check(!before.has(id), `review ${id} existed before the click`);
      Check((await Notice(page)).startsWith('Đã lập báo cáo'), `notice '${await Notice(page)}'`);
      Check(await page.locator('#review-figures .card').count() > 0, 'no figures');
      await Shot(page, 'plan-review-desktop.png');
      const pdf = await Download(page, 'Tải PDF', 'plan-review.pdf');
      Check(pdf.name.endsWith('.pdf'), `PDF named '${pdf.name}'`);
      Check(pdf.head.subarray(0, 4).toString('latin1') === '%PDF',
            `the PDF starts with ${JSON.stringify(pdf.head.toString('latin1'))}`);
      const xlsx = await Download(page, 'Tải Excel (.xlsx)', 'plan-review.xlsx');
      Check(xlsx.name.endsWith('.xlsx'), `XLSX named '${xlsx.name}'`);
      Check(xlsx.head.subarray(0, 2).toString('latin1') === 'PK',
            `the XLSX starts with ${JSON.stringify(xlsx.head.toString('latin1'))}`);
      console.log(`        downloaded ${pdf.name} (${pdf.size} bytes), ` +
                  `${xlsx.name} (${xlsx.size} bytes)`);
      // Listed, beside the reviews made before (the demo's for the page audit).
      await Open(page, '/quan-tri/so-ket');
      Check(await page.locator(`#review-list tr[data-review="${id}"]`).count() === 1,
            'the new review is not listed');
      const other = page.locator('#review-list tbody tr').filter({
        hasNot: page.locator(`a[href="${state.review}"]`),
      });
      if (await other.count() > 0) {
        state.demoReview = await other.first().getByRole('link').first().getAttribute('href');
      }
    });

    await steps.Run('6', 'plan pages: no CSP error, no sideways scroll at 360 px, axe-core',
                    async (ctx) => {
      const prevYear = String(Number(state.year || VietnamToday().slice(6)) - 1);
      // Each page once for the role that sees the most of it (the admin's task page has the edit
      // form, the officer's list has no assign form), and the views whose content differs.
      const roles = [
        { name: kAdmin, context: admin, first: '/quan-tri/nhiem-vu', targets: [
          '/quan-tri/nhiem-vu', ...kOtherTaskViews.map((v) => `/quan-tri/nhiem-vu?xem=${v}`),
          '/quan-tri/nhiem-vu?xem=tat-ca&don-vi=pho-minh', state.tasks.get('nguyen-nghiem'),
          '/quan-tri/tu-danh-gia', '/quan-tri/kinh-phi', state.budgetLine, '/quan-tri/so-ket',
          state.review, state.demoReview] },
        { name: kOfficer, context: officer, first: '/quan-tri/nhiem-vu', targets: [
          '/quan-tri/nhiem-vu', '/quan-tri/nhiem-vu?xem=da-xong', state.tasks.get('pho-minh'),
          state.demoTask, '/quan-tri/tu-danh-gia', '/quan-tri/tu-danh-gia/pho-minh',
          '/quan-tri/tu-danh-gia/thcs-pho-minh', state.assessment] },
        { name: kFinance, context: finance, first: '/quan-tri/kinh-phi', targets: [
          '/quan-tri/kinh-phi', `/quan-tri/kinh-phi?nam=${prevYear}`, state.budgetLine] },
      ];
      let pages = 0;
      for (const role of roles) {
        const targets = [...new Set(role.targets.filter(Boolean))];
        {
          const p = await role.context.newPage();
          ctx.page = p;
          await OpenAs(p, role.name, role.first);
          await p.close();
        }
        const cookies = await role.context.cookies();
        // On a phone with the CSP in force: the status, CSP violations, script errors,
        // sideways scroll and a screenshot.
        const phone = await browser.newContext({ ...kPhone, ...kLocale });
        await phone.addCookies(cookies);
        const p = await phone.newPage();
        WatchErrors(p, errors);
        ctx.page = p;
        for (const target of targets) {
          try {
            await Open(p, target);
          } catch (e) {
            ctx.fail(`${role.name}: ${e.message}`);
            continue;
          }
          ++pages;
          const m = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth,
                                              inner: window.innerWidth }));
          if (m.scroll > Math.min(m.inner, 360) + 1) {
            ctx.fail(`${role.name} ${target}: scrollWidth ${m.scroll} at 360 px`);
          }
          await p.screenshot({ fullPage: true, path: path.join(
              kArtifacts, `plan-360-${role.name}-${SlugOf(target)}.png`) });
        }
        await phone.close();
        // axe-core at both widths, without the CSP so that it can be injected.
        for (const [width, options] of [[360, kPhone], [1280, kDesktop]]) {
          const c = await browser.newContext({ ...options, ...kLocale, bypassCSP: true });
          await c.addCookies(cookies);
          const pAxe = await c.newPage();
          ctx.page = pAxe;
          for (const target of targets) {
            try {
              await Open(pAxe, target);
            } catch (e) {
              ctx.fail(`${role.name} ${width} px: ${e.message}`);
              continue;
            }
            ++pages;
            for (const v of await AxeViolations(pAxe)) {
              ctx.fail(`${role.name} ${width} px ${target}: ${v}`);
            }
          }
          await c.close();
        }
      }
      console.log(`        ${pages} page loads checked`);
      for (const e of errors) ctx.fail(e);
    });
  } finally {
    await browser.close();
  }
  return steps.Summary();
}

Main().then((code) => process.exit(code), (e) => {
  console.error(`plan.test: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
