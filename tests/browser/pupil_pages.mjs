#!/usr/bin/env node
// What the pupil reads, on a phone (375×667), with JavaScript on and off (issue 22,
// items 5, 6, 14 and 16), in Debian's Chromium:
//
//   BASE_URL=http://127.0.0.1:18600 node tests/browser/pupil_pages.mjs [--screenshots DIR]
//
// The journey a pupil takes: home → "Find your school" → the school's page → a topic
// → "Report something" → the report → "Check for a reply". On every page: nothing
// scrolls sideways and axe (WCAG 2.2 AA) finds nothing (with JavaScript off, axe runs
// in a page whose own scripts are blocked, since it hangs with JavaScript disabled).
// And:
//   - "Report something" is on the first screen of the home and school pages;
//   - the school finder answers by its GET form (and narrows as you type with JS);
//   - from a school's page, topics and "Report something" keep the school;
//   - topic video captions are at least 16px, and neither they nor the player's
//     controls cover the video's own "Call 999" strip at the bottom of the picture;
//   - the follow-up page says the status in a sentence, newest message first, and
//     what the pupil typed in Arabic reads right to left.
// Prints "N passed, M failed" last and exits 0 only when nothing failed.

import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'

const USAGE = 'usage: BASE_URL=http://127.0.0.1:PORT node tests/browser/pupil_pages.mjs [--screenshots DIR]'
if (!process.env.BASE_URL) {
  console.error(USAGE)
  process.exit(2)
}
const BASE = new URL(process.env.BASE_URL)
const args = process.argv.slice(2)
let SCREENSHOTS = null
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--screenshots' && args[i + 1]) SCREENSHOTS = args[++i]
  else {
    console.error(USAGE)
    process.exit(2)
  }
}
const PHONE = { viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true }
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]
const TIMEOUT_MS = 20000
const CAPTION_MIN_PX = 16
// A two-line caption: the tallest the videos have.
const CAPTION_TIMES = [1, 3]
const ARABIC = 'يتبعني ولد من صفي إلى البيت كل يوم'
const urlOf = (path) => new URL(path, BASE).href

const checks = []
function report (name, problems) {
  checks.push({ name, problems })
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}`)
  for (const p of problems) console.log(`       - ${p.replace(/\n/g, '\n         ')}`)
}

const describe = (violations) => violations.map((v) =>
  `axe ${v.id} [${v.impact}] ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)

// Nothing may leave this machine: requests to any other host are refused and named.
async function guard (context, blocked) {
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url())
    if (!/^https?:$/.test(url.protocol) || url.host === BASE.host) return route.fallback()
    blocked.push(url.href)
    return route.abort('blockedbyclient')
  })
}

// One browser for the journey (JavaScript on or off) and, with it off, a second one
// with JavaScript on but the site's scripts blocked, for axe.
async function phone (browser, js) {
  const blocked = []
  const context = await browser.newContext({ ...PHONE, javaScriptEnabled: js })
  await guard(context, blocked)
  let audit = null
  if (!js) {
    audit = await browser.newContext(PHONE)
    await guard(audit, blocked)
    await audit.route('**/*', (route) => route.request().resourceType() === 'script' ? route.abort() : route.fallback())
  }
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT_MS)
  return { page, context, audit, blocked }
}

// Axe on the page as it is now; without JavaScript, on the same address (or `again`,
// which brings a POSTed page back) in the scripts-blocked browser.
async function axe (session, again = null) {
  let target = session.page
  if (session.audit) {
    target = await session.audit.newPage()
    target.setDefaultTimeout(TIMEOUT_MS)
    if (again) await again(target)
    else await target.goto(session.page.url())
  }
  try {
    const results = await new AxeBuilder({ page: target }).withTags(AXE_TAGS).analyze()
    return describe(results.violations)
  } finally {
    if (session.audit) await target.close()
  }
}

// The checks every page gets: no sideways scroll at 375px, no axe violations; and a
// screenshot of the first screen and the whole page when asked for.
async function everyPage (session, mode, step, problems, again = null) {
  const { page } = session
  // Against the phone's width, not innerWidth: a mobile browser zooms out to fit a page
  // that is too wide, and innerWidth grows with it.
  const wide = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))
  if (wide > PHONE.viewport.width) problems.push(`${step}: scrolls sideways (${wide}px wide on a ${PHONE.viewport.width}px screen)`)
  for (const v of await axe(session, again)) problems.push(`${step}: ${v}`)
  if (SCREENSHOTS) {
    await page.screenshot({ path: join(SCREENSHOTS, `${mode}_${step}.png`) })
    await page.screenshot({ path: join(SCREENSHOTS, `${mode}_${step}_full.png`), fullPage: true })
  }
}

async function onFirstScreen (page, step, problems) {
  const box = await page.locator('main a.govuk-button--start', { hasText: 'Report something' }).first().boundingBox()
  if (!box) problems.push(`${step}: no "Report something" button`)
  else if (box.y + box.height > PHONE.viewport.height) {
    problems.push(`${step}: "Report something" ends ${Math.round(box.y + box.height)}px down, below the first ${PHONE.viewport.height}px`)
  }
}

// The cues and the player's controls, from the video's own (user-agent) shadow tree,
// which only the DevTools protocol can reach.
async function playerParts (page) {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true })
    const found = {}
    const visit = (node) => {
      const attrs = node.attributes || []
      const i = attrs.indexOf('pseudo')
      if (i >= 0 && i % 2 === 0) (found[attrs[i + 1]] ??= []).push(node.nodeId)
      for (const child of [...(node.shadowRoots || []), ...(node.children || [])]) visit(child)
    }
    visit(root)
    const top = async (id) => (await cdp.send('DOM.getBoxModel', { nodeId: id })).model.border[1]
    const fontSize = async (id) => {
      const { computedStyle } = await cdp.send('CSS.getComputedStyleForNode', { nodeId: id })
      return parseFloat(computedStyle.find((s) => s.name === 'font-size').value)
    }
    const parts = { cues: [], controls: [] }
    for (const id of found.cue || []) parts.cues.push({ top: await top(id), px: await fontSize(id) })
    for (const name of ['-internal-media-controls-button-panel', '-webkit-media-controls-timeline']) {
      for (const id of found[name] || []) parts.controls.push({ name, top: await top(id) })
    }
    return parts
  } finally {
    await cdp.detach()
  }
}

// Captions readable on a phone, and the picture's bottom strip ("Call 999") clear of
// captions and controls. Done in a page where scripts may run (the harness's own, to
// load and seek the video); with JavaScript off that is the scripts-blocked browser.
async function checkVideo (session, step, problems) {
  const page = session.audit ? await session.audit.newPage() : session.page
  try {
    if (session.audit) await page.goto(session.page.url())
    await page.locator('video').scrollIntoViewIfNeeded()
    const loaded = await page.evaluate(() => new Promise((resolve) => {
      const video = document.querySelector('video')
      video.preload = 'auto'
      video.addEventListener('loadeddata', () => resolve(true), { once: true })
      video.addEventListener('error', () => resolve(false), { once: true })
      video.load()
      setTimeout(() => resolve(video.readyState >= 2), 8000)
    }))
    if (!loaded) return problems.push(`${step}: the video did not load`)
    for (const time of CAPTION_TIMES) {
      const picture = await page.evaluate(async (t) => {
        const video = document.querySelector('video')
        video.currentTime = t
        await new Promise((resolve) => { video.addEventListener('seeked', resolve, { once: true }); setTimeout(resolve, 3000) })
        await new Promise((resolve) => setTimeout(resolve, 300))
        const box = video.getBoundingClientRect()
        const track = video.textTracks[0]
        return {
          bottom: box.top + box.width * video.videoHeight / video.videoWidth,
          showing: track?.mode === 'showing' && track.activeCues?.length > 0,
        }
      }, time)
      if (!picture.showing) problems.push(`${step} at ${time}s: no caption showing`)
      const parts = await playerParts(page)
      if (!parts.cues.length) problems.push(`${step} at ${time}s: no caption drawn`)
      if (!parts.controls.length) problems.push(`${step} at ${time}s: no player controls found`)
      for (const cue of parts.cues) {
        if (cue.px < CAPTION_MIN_PX) problems.push(`${step} at ${time}s: captions are ${cue.px}px, under ${CAPTION_MIN_PX}px`)
        if (cue.top < picture.bottom) problems.push(`${step} at ${time}s: a caption covers the picture's "Call 999" strip (${cue.top} < ${picture.bottom})`)
      }
      for (const part of parts.controls) {
        if (part.top < picture.bottom) problems.push(`${step} at ${time}s: ${part.name} covers the picture's "Call 999" strip (${part.top} < ${picture.bottom})`)
      }
    }
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${session.audit ? 'nojs' : 'js'}_${step}_video.png`) })
  } finally {
    if (session.audit) await page.close()
  }
}

// Home → finder → school page → topic → report form; returns the form's address.
async function findSchoolAndTopic (session, mode, problems) {
  const { page } = session
  await page.goto(urlOf('/'))
  await onFirstScreen(page, 'home', problems)
  await everyPage(session, mode, 'home', problems)

  await page.locator('#q').fill('oak')
  await page.getByRole('button', { name: 'Search' }).click()
  await page.waitForURL(/\/schools\?q=oak$/)
  const found = await page.locator('.confide-school-list a').allTextContents()
  if (found.join('|') !== 'Oakfield Academy') problems.push(`finder: "oak" found ${JSON.stringify(found)}`)
  await everyPage(session, mode, 'finder', problems)

  await page.getByRole('link', { name: 'Oakfield Academy' }).click()
  await page.waitForURL(/\/s\/oakfield$/)
  await onFirstScreen(page, 'school', problems)
  const topics = await page.locator('.confide-topic-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
  const lost = topics.filter((href) => !href.startsWith('/s/oakfield/topics/'))
  if (!topics.length || lost.length) problems.push(`school: topic links that drop the school: ${JSON.stringify(lost)}`)
  await everyPage(session, mode, 'school', problems)

  await page.locator('.confide-topic-list a').first().click()
  await page.waitForURL(/\/s\/oakfield\/topics\/[a-z-]+$/)
  await everyPage(session, mode, 'topic', problems)
  await checkVideo(session, 'topic', problems)

  await page.locator('main a.govuk-button--start', { hasText: 'Report something' }).click()
  await page.waitForURL(/\/s\/oakfield\/report$/)
  await everyPage(session, mode, 'report', problems)
}

// With JavaScript the finder's list narrows as a pupil types.
async function finderNarrows (session, problems) {
  const { page } = session
  await page.goto(urlOf('/schools'))
  await page.locator('#q').pressSequentially('river')
  const visible = await page.locator('.confide-school-list li:visible').allTextContents()
  if (visible.map((t) => t.trim()).join('|') !== 'Riverside High School') problems.push(`finder as you type: "river" shows ${JSON.stringify(visible)}`)
  const said = await page.locator('#confide-school-count').textContent()
  if (!said?.includes('1 school matches')) problems.push(`finder as you type: says ${JSON.stringify(said)}`)
}

// The report, in Arabic, then "Check for a reply" with its code, and a second message.
async function reportAndFollowUp (session, mode, problems) {
  const { page } = session
  await page.locator('input[name=category][value=bullying]').check()
  await page.locator('input[name=location][value=journey]').check()
  await page.locator('input[name=happening_now][value=no]').check()
  await page.locator('input[name=about][value=no]').check()
  await page.locator('#what').fill(ARABIC)
  await page.getByRole('button', { name: 'Send report' }).click()
  const code = (await page.locator('.confide-receipt-code span').allTextContents()).map((g) => g.trim()).join(' ')
  if (!code || code.length !== 24) return problems.push(`receipt: no code (${code})`)
  const open = async (target) => {
    await target.goto(urlOf('/followup'))
    await target.locator('#code').fill(code)
    await target.getByRole('button', { name: 'Continue' }).click()
    await target.locator('h1', { hasText: 'Your report' }).waitFor()
  }
  await open(page)
  for (const message of ['it happened again', 'and again today']) {
    // Times are kept to the second: one apart, so "newest" has one answer.
    await page.waitForTimeout(1100)
    await page.locator('#message').fill(`Browser test (${mode}): ${message}.`)
    await page.getByRole('button', { name: 'Send', exact: true }).click()
    await page.locator('h1', { hasText: 'Your report' }).waitFor()
  }

  const status = page.locator('main p#status')
  // Without the invisible marks that isolate the school's name (U+2068 … U+2069).
  const said = (await status.textContent())?.replace(/[\u2068\u2069]/g, '')
  if (!said?.includes('Staff at Oakfield Academy have your report.')) problems.push('follow-up: no sentence about the status')
  const order = await page.evaluate(() => {
    const y = (el) => el ? el.getBoundingClientRect().top : null
    return { status: y(document.getElementById('status')), first: y(document.querySelector('.confide-message')) }
  })
  if (!(order.status < order.first)) problems.push(`follow-up: the status sentence is not above the messages (${JSON.stringify(order)})`)
  const newest = await page.locator('.confide-message').first().textContent()
  if (!newest?.includes(`Browser test (${mode}): and again today.`)) problems.push(`follow-up: the newest message is not first: ${JSON.stringify(newest?.trim())}`)
  const arabic = page.locator('p.confide-pupil-text', { hasText: ARABIC })
  const direction = await arabic.evaluate((p) => getComputedStyle(p).direction).catch(() => null)
  if (direction !== 'rtl') problems.push(`follow-up: what the pupil wrote in Arabic reads ${direction}, not rtl`)
  await everyPage(session, mode, 'followup', problems, open)
}

async function journey (browser, js) {
  const mode = js ? 'js' : 'nojs'
  const problems = []
  const session = await phone(browser, js)
  try {
    await findSchoolAndTopic(session, mode, problems)
    await reportAndFollowUp(session, mode, problems)
    // The site-wide picker and topic: the same width and audit.
    for (const [step, path] of [['picker', '/report'], ['site-topic', '/topics/bullying']]) {
      await session.page.goto(urlOf(path))
      await everyPage(session, mode, step, problems)
    }
    if (js) await finderNarrows(session, problems)
  } catch (err) {
    problems.push(`journey broke at ${session.page.url()}: ${err.message.split('\n').slice(0, 2).join(' | ')}`)
  }
  for (const b of session.blocked) problems.push(`third-party request: ${b}`)
  await session.context.close()
  if (session.audit) await session.audit.close()
  report(`phone ${mode.padEnd(4)} home → school → topic → report → follow-up`, problems)
}

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
let exitCode = 1
try {
  console.log(`Chromium ${browser.version()}; pupil pages at 375×667 on ${BASE.origin}`)
  if (SCREENSHOTS) await mkdir(SCREENSHOTS, { recursive: true })
  await journey(browser, true)
  await journey(browser, false)
  if (SCREENSHOTS) console.log(`screenshots in ${SCREENSHOTS}`)
  const failed = checks.filter((c) => c.problems.length).length
  console.log(`\n${checks.length - failed} passed, ${failed} failed`)
  exitCode = failed ? 1 : 0
} catch (err) {
  console.error(err)
  console.log(`\n${checks.filter((c) => !c.problems.length).length} passed, ${checks.filter((c) => c.problems.length).length + 1} failed`)
} finally {
  await browser.close()
}
process.exit(exitCode)
