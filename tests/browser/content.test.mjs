// Real-browser test of the programme's content (issue 8, deliverable 3), run by
// tests/browser/run.sh after the portal suite against the same demo server (env BASE_URL,
// PASSWORD, ARTIFACTS):
//   1  a resident on a phone, without an account, filters the articles for the elderly and
//      reads one (share and print buttons there);
//   2  the same phone signs the code of conduct: a missing unit is named and the name kept,
//      then the thank-you page shows the count one higher;
//   3  the programme admin (thuongtruc.hoa) writes an article, previews it, saves the draft
//      (not public yet), publishes it, and it appears on the public list; the pledge page of
//      the console lists the signature;
//   4  every content page: HTTP 200, no CSP violation or script error, no sideways scroll at
//      360 px, no serious or critical axe-core violation.
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
const kTitle = 'Kiểm thử: cảnh giác tin nhắn trúng thưởng';
const kSigner = 'Người Ký Kiểm Thử';

const state = { articlePath: null, slug: null };

async function Submit(page, name) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                     page.getByRole('button', { name, exact: true }).click()]);
}

async function SignIn(page) {
  await SignInAs(page, kAdmin, '/quan-tri/bai-viet');
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
  const phone = await browser.newContext({ ...kPhone, ...kLocale });  // no account, no cookies
  const admin = await browser.newContext({ ...kDesktop, ...kLocale });
  try {
    const p = await phone.newPage();
    WatchErrors(p, errors);

    await steps.Run('1', 'a resident on a phone filters the articles and reads one', async (ctx) => {
      ctx.page = p;
      await Open(p, '/bai-viet');
      await p.getByLabel('Dành cho').selectOption('elderly');
      await Submit(p, 'Lọc');
      Check(new URL(p.url()).searchParams.get('audience') === 'elderly', `filtered at ${p.url()}`);
      const items = p.locator('#article-list li');
      Check(await items.count() >= 2, 'fewer than two articles for the elderly');
      const link = p.getByRole('link', { name: 'Cách nhận biết cuộc gọi giả danh công an' });
      Check(await link.count() === 1, 'the fake police article is not listed for the elderly');
      await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), link.click()]);
      Check((await p.locator('#article-body').innerText()).includes('Cúp máy ngay'),
            'the article body is not shown');
      Check(await p.locator('[data-print]').isVisible(), 'no print button');
      Check(await p.locator('a[href*="facebook.com/sharer"]').count() === 1, 'no share link');
      await p.screenshot({ path: path.join(kArtifacts, 'content-article-phone.png'), fullPage: true });
    });

    await steps.Run('2', 'the phone signs the code of conduct without an account', async (ctx) => {
      ctx.page = p;
      await Open(p, '/quy-tac-ung-xu');
      const before = Number((await p.locator('#pledge-count strong').innerText()).trim());
      await p.getByLabel('Họ và tên').fill(kSigner);
      await Submit(p, 'Tôi cam kết thực hiện');
      Check(await p.locator('#unit_code-error').count() === 1, 'the missing unit is not named');
      Check(await p.getByLabel('Họ và tên').inputValue() === kSigner, 'the name was not kept');
      await p.getByLabel(/^Đơn vị, trường học/).selectOption({ label: 'Phường Phổ Minh' });
      await p.getByLabel(/^Chức vụ/).fill('Tổ viên tổ dân phố');
      await Submit(p, 'Tôi cam kết thực hiện');
      Check(new URL(p.url()).pathname === '/quy-tac-ung-xu/cam-on', `landed at ${p.url()}`);
      const after = Number((await p.locator('#pledge-total').innerText()).trim());
      Check(after === before + 1, `count ${before} → ${after}`);
      await p.screenshot({ path: path.join(kArtifacts, 'content-pledge-thanks-phone.png'), fullPage: true });
    });

    await steps.Run('3', 'the programme admin writes, previews and publishes an article',
                    async (ctx) => {
      const page = await admin.newPage();
      WatchErrors(page, errors);
      ctx.page = page;
      await SignIn(page);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                         page.getByRole('link', { name: 'Viết bài mới' }).click()]);
      await page.getByLabel('Tiêu đề', { exact: true }).fill(kTitle);
      await page.getByLabel('Chuyên mục').selectOption('scam-alert');
      await page.getByLabel('Người cao tuổi').check();
      await page.getByLabel(/^Tóm tắt/).fill('Tin nhắn báo trúng thưởng đòi nộp phí là lừa đảo.');
      await page.getByLabel(/^Nội dung/).fill('## Dấu hiệu\n\n- Báo **trúng thưởng** bất ngờ.\n- Đòi nộp phí.');
      await Submit(page, 'Xem trước');
      Check((await page.locator('#preview strong').innerText()) === 'trúng thưởng', 'no preview');
      await Submit(page, 'Lưu');
      const landed = new URL(page.url());
      Check(/^\/quan-tri\/bai-viet\/[a-z0-9-]+$/.test(landed.pathname), `landed at ${landed.pathname}`);
      state.slug = landed.pathname.split('/').pop();
      state.articlePath = '/bai-viet/' + state.slug;
      Check(await page.locator('#article-status[data-published="false"]').count() === 1, 'not a draft');
      const anon = await phone.newPage();
      const draft = await anon.goto(Url(state.articlePath));
      Check(draft.status() === 404, `the draft is public: HTTP ${draft.status()}`);
      await Submit(page, 'Đăng công khai');
      Check(await page.locator('#article-status[data-published="true"]').count() === 1, 'not published');
      await page.screenshot({ path: path.join(kArtifacts, 'content-console-article-desktop.png'), fullPage: true });
      await Open(anon, '/bai-viet');
      Check(await anon.getByRole('link', { name: kTitle }).count() === 1, 'not on the public list');
      await Open(anon, state.articlePath);
      await anon.close();
      await Open(page, '/quan-tri/cam-ket');
      Check((await page.locator('#pledge-list').innerText()).includes(kSigner), 'signature not listed');
      Check(Number(await page.locator('#pledge-units tr[data-unit="pho-minh"] td').last().innerText()) >= 1,
            'pho-minh has no pledge');
      await page.screenshot({ path: path.join(kArtifacts, 'content-console-pledges-desktop.png'), fullPage: true });
    }, { needs: ['2'] });

    await steps.Run('4', 'content pages: no CSP error, no sideways scroll at 360 px, axe-core',
                    async (ctx) => {
      const publicTargets = ['/bai-viet', '/bai-viet?category=law',
                             '/bai-viet/xu-phat-dang-tin-sai-su-that-nghi-dinh-15-2020',
                             '/quy-tac-ung-xu', '/quy-tac-ung-xu/cam-on', '/huong-dan'];
      const consoleTargets = ['/quan-tri/bai-viet', '/quan-tri/bai-viet/moi', '/quan-tri/cam-ket',
                              '/quan-tri/bai-viet/quy-tac-ung-xu-tren-mang-xa-hoi'];
      const cookies = await admin.cookies();
      for (const [width, options] of [[360, kPhone], [1280, kDesktop]]) {
        const c = await browser.newContext({ ...options, ...kLocale, bypassCSP: true });
        await c.addCookies(cookies);
        const page = await c.newPage();
        ctx.page = page;
        for (const target of [...publicTargets, ...consoleTargets]) {
          await Open(page, target);
          if (width === 360) {
            const m = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth,
                                                   inner: window.innerWidth }));
            if (m.scroll > Math.min(m.inner, 360) + 1) {
              ctx.fail(`${target}: scrollWidth ${m.scroll} at 360 px`);
            }
          }
          for (const v of await AxeViolations(page)) ctx.fail(`${width} px ${target}: ${v}`);
        }
        await c.close();
      }
      for (const e of errors) ctx.fail(e);
    }, { needs: ['3'] });
  } finally {
    await browser.close();
  }
  return steps.Summary();
}

Main().then((code) => process.exit(code), (e) => {
  console.error(`content.test: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});
