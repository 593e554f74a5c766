// The officer's pages on a 375 px phone and a 1280 px laptop: nothing scrolls sideways on
// the phone (the queue is one card per report), the figures' tables fit a laptop screen,
// and axe finds no WCAG 2.2 AA violation on the queue, a case and the figures, with the
// site's own scripts running and with them blocked (as with JavaScript off: axe itself
// needs JavaScript, so the page's scripts are refused instead).
//   BASE_URL=http://127.0.0.1:PORT DEMO_CODE_BIN=target/debug/confide node tests/browser/staff_widths.mjs
import { chromium } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { freshCode } from './codes.mjs'

const base = process.env.BASE_URL
const email = 'officer@demo.confide.example'
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
})
const problems = []
let passed = 0
const check = (ok, what) => { if (ok) passed++; else problems.push(what) }
// One sign-in, reused by every pass (each sign-in needs a new 30-second step).
let signedIn = null
for (const [width, height, scripts] of [[375, 667, true], [375, 667, false], [1280, 900, true], [1280, 900, false]]) {
  const context = await browser.newContext({ viewport: { width, height }, storageState: signedIn ?? undefined })
  if (!scripts) await context.route('**/*', (route) => route.request().resourceType() === 'script' ? route.abort() : route.fallback())
  const how = scripts ? 'with JavaScript' : 'without the site\'s scripts'
  const where = (name) => `${name} at ${width} px ${how}`
  const page = await context.newPage()
  if (!signedIn) {
    await page.goto(`${base}/staff/login`)
    await page.fill('#email', email)
    await page.fill('#password', 'demo-officer-2026')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/staff\/login\/code/)
    await page.fill('#code', await freshCode(email))
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.waitForURL(/\/staff$/)
    signedIn = await context.storageState()
  } else {
    await page.goto(`${base}/staff`)
  }
  const pages = [['queue', null], ['case', 'a[href^="/staff/reports/"]'], ['figures', '/staff/insights?period=this_year&by=week']]
  for (const [name, how] of pages) {
    if (how && how.startsWith('/')) await page.goto(`${base}${how}`)
    else if (how) {
      await page.locator(how).first().click()
      await page.waitForLoadState()
      if (width === 375 && scripts) {
        // A hand-off puts a 64-character fingerprint in the chronology: it must wrap.
        const caseUrl = page.url()
        await page.getByRole('link', { name: 'Hand-off summary for CPOMS or MyConcern' }).click()
        await page.getByRole('button', { name: 'Make the hand-off summary' }).click()
        await page.waitForLoadState()
        await page.goto(caseUrl)
      }
    }
    const wide = await page.evaluate(() => document.documentElement.scrollWidth)
    check(wide <= width, `${where(name)} is ${wide} px wide`)
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
    check(axe.violations.length === 0, `${where(name)}: axe ${axe.violations.map((v) => v.id).join(', ')}`)
    if (name === 'figures' && width === 1280) {
      const tables = await page.evaluate(() => [...document.querySelectorAll('.confide-table-scroll')].map((d) => d.scrollWidth - d.clientWidth))
      check(tables.every((over) => over <= 0), `figures tables overflow their box at 1280 px by ${tables.join(', ')} px`)
    }
    if (name === 'queue' && width === 375) {
      const cards = await page.evaluate(() => getComputedStyle(document.querySelector('.confide-queue tr')).display)
      check(cards === 'block', `the queue at 375 px is a table, not cards (${cards})`)
    }
  }
  await context.close()
}
await browser.close()
for (const p of problems) console.log(`FAIL ${p}`)
console.log(`staff widths: ${passed} passed, ${problems.length} failed`)
process.exit(problems.length ? 1 : 0)
