// Real-browser test of the awareness programme's console (issue 8, "Done when"), run by
// tests/browser/run.sh after the portal suite against the same demo server (env BASE_URL,
// PASSWORD, ARTIFACTS, DEMO_OUTPUT):
//   1  the programme admin (thuongtruc.hoa, password only) creates a campaign for three wards
//      and sends it after ticking the confirmation;
//   2  a phone WITHOUT an account opens a recipient's personal link and acknowledges;
//   3  the admin sees the completion figure rise and the lagging units (campaign page and
//      overview); the public page shows the figure;
//   4  importing a CSV with a bad row shows which row is wrong and imports nobody;
//   5  every programme page: HTTP 200, no CSP violation or script error, no sideways scroll at
//      360 px, no serious or critical axe-core violation.
//   6  on a phone-sized page the admin marks someone of a ward as having left: they move to the
//      "Đã nghỉ" filter of the unit's list, and "Khôi phục" brings them back.
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
const kTitle = 'Chỉ thị kiểm thử: không bấm link lạ';
const kWards = ['Phường Phổ Minh', 'Phường Phổ Vinh', 'Phường Phổ Hòa'];

const state = { detailPath: null, personal: null, before: null, after: null };

async function Completion(page) {
  await Open(page, state.detailPath);
  return {
    percent: Number(await page.locator('#completion').getAttribute('data-percent')),
    acknowledged: Number((await page.locator('#acknowledged-count').innerText()).trim()),
    recipients: Number((await page.locator('#recipient-count').innerText()).trim()),
  };
}

async function SignIn(page) {
  await SignInAs(page, kAdmin, '/quan-tri/dot-pho-bien');
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
  const phone = await browser.newContext({ ...kPhone, ...kLocale });  // no account, no cookies
  try {
    const page = await admin.newPage();
    WatchErrors(page, errors);

    await steps.Run('1', 'the programme admin creates a campaign for three wards and sends it',
                    async (ctx) => {
      ctx.page = page;
      await SignIn(page);
      await page.getByLabel('Tiêu đề', { exact: true }).fill(kTitle);
      await page.getByLabel(/^Nội dung tài liệu/).fill(
          '# Chỉ thị\n\n1. **Không bấm** link lạ.\n2. Không đưa mã OTP cho ai.');
      for (const ward of kWards) await page.getByLabel(ward, { exact: true }).check();
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                         page.getByRole('button', { name: 'Lưu bản nháp' }).click()]);
      const landed = new URL(page.url());
      Check(/^\/quan-tri\/dot-pho-bien\/\d+$/.test(landed.pathname), `landed at ${landed.pathname}`);
      state.detailPath = landed.pathname;
      Check(await page.locator('#send-form').count() === 1, 'no send form on the draft');
      await page.getByLabel(/^Tôi đã kiểm tra nội dung/).check();
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                         page.getByRole('button', { name: 'Gửi cho tất cả người nhận' }).click()]);
      Check((await page.locator('#campaign-status').innerText()).includes('Đang thu xác nhận'),
            'not sent');
      state.before = await Completion(page);
      Check(state.before.recipients >= 30, `only ${state.before.recipients} recipients`);
      Check(state.before.acknowledged === 0, `${state.before.acknowledged} acknowledged at once`);
      await page.screenshot({ path: path.join(kArtifacts, 'programme-sent-desktop.png'), fullPage: true });
    });

    await steps.Run('2', 'a phone without an account opens a personal link and acknowledges',
                    async (ctx) => {
      ctx.page = page;
      await Open(page, state.detailPath + '/ma-qr?don-vi=pho-vinh');
      const first = page.locator('#qr-sheet li').first();
      state.personal = await first.locator('a[data-ack-link]').getAttribute('href');
      Check(state.personal && state.personal.startsWith('/xac-nhan/'),
            `no personal link on the sheet (${state.personal})`);
      const p = await phone.newPage();
      WatchErrors(p, errors);
      ctx.page = p;
      await Open(p, state.personal);
      Check((await p.locator('h1').innerText()).includes(kTitle), 'the document is not shown');
      await p.screenshot({ path: path.join(kArtifacts, 'programme-ack-phone.png'), fullPage: true });
      await Promise.all([p.waitForNavigation({ waitUntil: 'load' }),
                         p.getByRole('button', { name: 'Tôi đã đọc và nắm được nội dung' }).click()]);
      Check(await p.locator('#ack-thanks').count() === 1, 'no thanks after acknowledging');
      Check(await p.locator('#ack-done[data-acknowledged="true"]').count() === 1, 'not recorded');
    }, { needs: ['1'] });

    await steps.Run('3', 'the admin sees completion rise and the lagging units', async (ctx) => {
      ctx.page = page;
      state.after = await Completion(page);
      Check(state.after.acknowledged === state.before.acknowledged + 1,
            `acknowledged ${state.after.acknowledged}, want ${state.before.acknowledged + 1}`);
      Check(state.after.percent > state.before.percent || state.after.recipients > 100,
            `percent ${state.before.percent} → ${state.after.percent}`);
      const rows = page.locator('#unit-progress tbody tr');
      Check(await rows.count() >= 3, 'fewer than three units in the table');
      const percents = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.percent)));
      for (let i = 1; i < percents.length; ++i) {
        Check(percents[i - 1] <= percents[i], `units not sorted by lag: ${percents.join(', ')}`);
      }
      const vinh = page.locator('#unit-progress tr[data-unit="pho-vinh"]');
      Check(Number(await vinh.getAttribute('data-percent')) > 0, 'pho-vinh did not rise');
      Check(await page.locator('#unit-progress .programme-lagging').count() >= 1,
            'no lagging unit marked');
      await page.screenshot({ path: path.join(kArtifacts, 'programme-progress-desktop.png'), fullPage: true });
      await Open(page, '/quan-tri/chuong-trinh');
      Check(await page.locator(`#open-campaigns a:text-is("${kTitle}")`).count() === 1,
            'the campaign is not on the overview');
      Check(await page.locator('#lagging-units tbody tr').count() >= 1, 'no lagging units listed');
      const pub = await phone.newPage();
      ctx.page = pub;
      await Open(pub, state.detailPath.replace('/quan-tri', ''));
      Check((await pub.locator('#public-completion').innerText()).trim() === `${state.after.percent}%`,
            'the public figure differs');
    }, { needs: ['2'] });

    await steps.Run('4', 'a CSV with a bad row shows the row and imports nobody', async (ctx) => {
      ctx.page = page;
      await Open(page, '/quan-tri/don-vi?don-vi=pho-vinh');
      const count = async () => Number((await page.locator('#unit-tree li[data-unit="pho-vinh"] .meta')
          .innerText()).replace(/\D/g, ''));
      const before = await count();
      const csv = 'ho_ten,chuc_vu,don_vi,so_dien_thoai\n' +
                  'Nguyễn Văn Thử,Cán bộ,pho-vinh,0900000999\n' +
                  'Trần Thị Lỗi,Cán bộ,don-vi-khong-co,\n';
      await page.getByLabel('Chọn tệp').setInputFiles(
          { name: 'danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                         page.getByRole('button', { name: 'Nhập danh sách' }).click()]);
      Check(await page.locator('#import-errors tr[data-row="3"]').count() === 1,
            'row 3 is not named as wrong');
      Check((await page.locator('#import-result h2').innerText()).includes('Chưa nhập ai'),
            'the page does not say nobody was imported');
      await page.screenshot({ path: path.join(kArtifacts, 'programme-import-error.png'), fullPage: true });
      await Open(page, '/quan-tri/don-vi?don-vi=pho-vinh');
      Check(await count() === before, `pho-vinh went from ${before} to ${await count()} people`);
    }, { needs: ['1'] });

    await steps.Run('5', 'programme pages: no CSP error, no sideways scroll at 360 px, axe-core',
                    async (ctx) => {
      const targets = ['/quan-tri/chuong-trinh', '/quan-tri/don-vi', '/quan-tri/don-vi?don-vi=pho-minh',
                       '/quan-tri/dot-pho-bien', state.detailPath,
                       state.detailPath + '/ma-qr?don-vi=pho-hoa',
                       state.detailPath.replace('/quan-tri', '')];
      const cookies = await admin.cookies();
      for (const [width, options] of [[360, kPhone], [1280, kDesktop]]) {
        const c = await browser.newContext({ ...options, ...kLocale, bypassCSP: true });
        await c.addCookies(cookies);
        const p = await c.newPage();
        ctx.page = p;
        for (const target of [...targets, state.personal]) {
          await Open(p, target);
          if (width === 360) {
            const m = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth,
                                                inner: window.innerWidth }));
            if (m.scroll > Math.min(m.inner, 360) + 1) {
              ctx.fail(`${target}: scrollWidth ${m.scroll} at 360 px`);
            }
            if (target === '/quan-tri/chuong-trinh') {
              await p.screenshot({ path: path.join(kArtifacts, 'programme-overview-phone.png'), fullPage: true });
            }
          }
          for (const v of await AxeViolations(p)) ctx.fail(`${width} px ${target}: ${v}`);
        }
        await c.close();
      }
      for (const e of errors) ctx.fail(e);
    }, { needs: ['3'] });

    await steps.Run('6', 'on a phone the admin marks a person as having left and restores them',
                    async (ctx) => {
      const c = await browser.newContext({ ...kPhone, ...kLocale });
      await c.addCookies(await admin.cookies());
      const p = await c.newPage();
      WatchErrors(p, errors);
      ctx.page = p;
      try {
        const unit = '/quan-tri/don-vi?don-vi=pho-hoa';
        await Open(p, unit);
        const filterCount = async (id) =>
          Number((await p.locator(id).innerText()).replace(/^[^(]*\(|\)$/g, ''));
        const activeBefore = await filterCount('#filter-active');
        const leftBefore = await filterCount('#filter-left');
        // The last person of the ward (not the one whose link step 2 used, in pho-vinh).
        const row = p.locator('#people-table tbody tr').last();
        const name = (await row.locator('th').innerText()).trim();
        await Promise.all([p.waitForNavigation({ waitUntil: 'load' }),
                           row.getByRole('link').click()]);
        await Promise.all([p.waitForNavigation({ waitUntil: 'load' }),
                           p.getByRole('button', { name: 'Đánh dấu đã nghỉ' }).click()]);
        Check(await p.locator('#person-left').count() === 1, 'the page does not say they left');
        Check((await p.locator('.notice').innerText()).includes('Đã đánh dấu người này đã nghỉ'),
              'no notice after marking');
        const m = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth,
                                            inner: window.innerWidth }));
        Check(m.scroll <= Math.min(m.inner, 360) + 1, `scrollWidth ${m.scroll} at 360 px`);
        await p.screenshot({ path: path.join(kArtifacts, 'programme-person-left-phone.png'),
                             fullPage: true });
        await Open(p, unit);
        Check(await filterCount('#filter-active') === activeBefore - 1, 'the active count did not drop');
        Check(await filterCount('#filter-left') === leftBefore + 1, 'the left count did not rise');
        Check(await p.locator(`#people-table th:text-is("${name}")`).count() === 0,
              `${name} is still listed as current`);
        await Open(p, unit + '&trang-thai=da-nghi');
        Check(await p.locator(`#people-table th:text-is("${name}")`).count() === 1,
              `${name} is not under "Đã nghỉ"`);
        const personPath = await p.locator('#people-table tbody tr').filter({ hasText: name })
            .getByRole('link').getAttribute('href');
        // axe-core is injected as a script: in a context that bypasses the CSP, as in step 5.
        const axe = await browser.newContext({ ...kPhone, ...kLocale, bypassCSP: true });
        try {
          await axe.addCookies(await admin.cookies());
          const ap = await axe.newPage();
          for (const target of [unit + '&trang-thai=da-nghi', personPath]) {
            await Open(ap, target);
            for (const v of await AxeViolations(ap)) ctx.fail(`360 px ${target}: ${v}`);
          }
        } finally {
          await axe.close();
        }
        await Promise.all([p.waitForNavigation({ waitUntil: 'load' }),
                           p.locator('#people-table tbody tr').filter({ hasText: name })
                               .getByRole('link').click()]);
        await Promise.all([p.waitForNavigation({ waitUntil: 'load' }),
                           p.getByRole('button', { name: 'Khôi phục' }).click()]);
        Check(await p.locator('#person-left').count() === 0, 'still marked as left');
        await Open(p, unit);
        Check(await filterCount('#filter-active') === activeBefore, 'not restored to the list');
      } finally {
        await c.close();
      }
    }, { needs: ['1'] });
  } finally {
    await browser.close();
  }
  return steps.Summary();
}

Main().then((code) => process.exit(code), (e) => {
  console.error(`programme.test: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
