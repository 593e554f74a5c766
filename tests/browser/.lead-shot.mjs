import { chromium } from 'playwright-core'
import { execFileSync } from 'node:child_process'
const base = 'http://127.0.0.1:18490'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
const ctx = await browser.newContext({ viewport: { width: 375, height: 667 } })
const page = await ctx.newPage()
for (const lang of ['', '/pl', '/ar']) {
  await page.goto(base + lang + '/s/oakfield/report')
  await page.locator('input[name=category]').first().check()
  await page.locator('input[name=location]').first().check()
  await page.locator('input[name=happening_now][value=yes]').check()
  await page.locator('input[name=about][value=no]').check()
  await page.locator('textarea[name=what]').fill('Screenshot test of the urgent receipt.')
  await page.locator('form button[type=submit]').last().click()
  await page.waitForLoadState()
  const send = page.locator('button[name=urgent_seen][value=send-now], button[name=urgent_seen]').first()
  if (await send.count()) { await send.click(); await page.waitForLoadState() }
  await page.screenshot({ path: `/tmp/shots/receipt${lang.replace('/', '_') || '_en'}.png`, fullPage: true })
  console.log(lang, await page.locator('#urgent-cover').innerText().catch(() => 'NO COVER'))
}
// admin on-call page
const code = (next) => execFileSync('/work/main/target/debug/confide', ['demo-code', 'admin@demo.confide.example', ...(next ? ['--next'] : [])]).toString().trim()
await page.goto(base + '/staff/login')
await page.fill('input[name=email]', 'admin@demo.confide.example')
await page.fill('input[name=password]', 'demo-admin-2026')
await page.locator('form button[type=submit]').click()
await page.waitForURL(/code$/)
await page.fill('input[name=code]', code(false))
await page.locator('form button[type=submit]').click()
await page.waitForLoadState()
await page.goto(base + '/staff/admin/on-call')
await page.screenshot({ path: '/tmp/shots/oncall_admin.png', fullPage: true })
await browser.close()
