#!/usr/bin/env node
// The pupil's journey in other languages, in Debian's Chromium at 375 px, JavaScript on
// and off (issue 24):
//
//   BASE_URL=http://127.0.0.1:18080 [LANGS=cy,pl,ur] [SCREENSHOTS=/tmp/shots] node tests/browser/languages.mjs
//
// For each language: home → "Find your school" → the school's page → a topic → "Report
// something" → the report with a picture → the receipt → "Check for a reply" with the
// code → a message sent. On every page: `lang` and `dir` on <html> as the language
// has them; every link and form of the site stays in the language (the language menu
// aside); axe (WCAG 2.2 AA, with JavaScript) finds nothing; and no sentence of the English
// catalogue (locales/en-GB/pupil.ftl) is on the page, in its text or its attributes, unless
// the language's own catalogue has the same words. Right-to-left pages: the Exit button
// and the 999 banner stay in view, and nothing scrolls sideways. SCREENSHOTS saves each
// page of right-to-left languages (375 px wide, full page) to look at the mirroring.
// Prints "N passed, M failed" last and exits 0 only when nothing failed.

import { readFile, mkdir } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'

if (!process.env.BASE_URL) {
  console.error('usage: BASE_URL=http://127.0.0.1:PORT [LANGS=cy,pl,ur] [SCREENSHOTS=DIR] node tests/browser/languages.mjs')
  process.exit(2)
}
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const BASE = new URL(process.env.BASE_URL)
const LANGS = (process.env.LANGS || 'cy,pl,ur').split(',').filter(Boolean)
const RTL = new Set(['ur', 'ar'])
const SHOTS = process.env.SCREENSHOTS
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEklEQVR4nGM4IScnd0KOAUIBAB3SBBHfPB1bAAAAAElFTkSuQmCC', 'base64')
const urlOf = (path) => new URL(path, BASE).href

// The words of a catalogue, as fragments between its { placeables }: each value line
// and each plural variant, comments and keys left out.
function fragments (ftl) {
  const out = new Set()
  for (const line of ftl.split('\n')) {
    if (line.startsWith('#') || line.trim() === '}' || line.trim().endsWith('->')) continue
    let value = line.match(/^[a-z][a-z0-9-]*\s*=\s?(.*)$/)?.[1] ?? line.match(/^\s+\*?\[[a-z]+\]\s?(.*)$/)?.[1]
    if (value === undefined) continue
    for (const piece of value.split(/\{[^}]*\}/)) {
      const words = piece.replace(/\s+/g, ' ').trim().replace(/^[.,:;!?]+\s*/, '')
      if (words.split(' ').length >= 3) out.add(words)
    }
  }
  return out
}

async function catalogue (lang) {
  for (const path of [join(ROOT, 'locales', lang, 'pupil.ftl'), join(ROOT, 'tests/fixtures/locales', lang, 'pupil.ftl')]) {
    if (existsSync(path)) return readFile(path, 'utf8')
  }
  return ''
}

const checks = []
const weights = []
function report (name, problems) {
  checks.push({ name, problems })
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}`)
  for (const p of problems) console.log(`       - ${p.replace(/\n/g, '\n         ')}`)
}

// Everything a pupil can meet on the page: its text and the words in its attributes.
async function pageWords (page) {
  return page.evaluate(() => {
    // The offer of another language, the menu of languages, and a long page not yet
    // translated (marked with its own lang) are meant to be in other languages.
    const page = document.documentElement.lang
    const others = `.confide-offer, .govuk-language-navigation, [lang]:not([lang="${page}"])`
    const text = [...document.body.children].map((el) => {
      const copy = el.cloneNode(true)
      for (const other of copy.querySelectorAll(others)) other.remove()
      return copy.innerText ?? copy.textContent
    })
    const parts = [...text, document.title]
    for (const el of document.querySelectorAll('*')) {
      if (el.closest(others)) continue
      for (const attr of el.attributes) {
        if (/^(aria-label|title|alt|placeholder|data-msg|data-i18n)/.test(attr.name)) parts.push(attr.value)
      }
    }
    return parts.join('\n').replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ')
  })
}

async function journey (browser, lang, js, english) {
  const problems = []
  const fail = (message) => problems.push(message)
  const own = fragments(await catalogue(lang))
  const dir = RTL.has(lang) ? 'rtl' : 'ltr'
  const context = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true })
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (!/^https?:/i.test(url) || new URL(url).host === BASE.host) return route.continue()
    fail(`third-party request: ${url}`)
    return route.abort('blockedbyclient')
  })
  const page = await context.newPage()
  page.setDefaultTimeout(30000)
  // Bytes on the wire of each static file (stylesheet, scripts, icon) and of the last page.
  const statics = new Map()
  let documentBytes = 0
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => null)
    if (!sizes) return
    const url = new URL(request.url())
    if (request.resourceType() === 'document') documentBytes = sizes.responseBodySize
    else if (url.pathname.startsWith('/static/') && !/\.(mp4|vtt|jpg)$/.test(url.pathname)) statics.set(url.pathname, sizes.responseBodySize)
  })
  if (js) page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) fail(`console error: ${m.text()}`) })
  const check = async (step) => {
    const [htmlLang, htmlDir] = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])
    if (htmlLang !== lang || htmlDir !== dir) fail(`${step}: <html lang="${htmlLang}" dir="${htmlDir}">, not ${lang} ${dir}`)
    const links = await page.evaluate(() => [...document.querySelectorAll('a[href], form[action]')]
      .filter((el) => !el.matches('.govuk-language-navigation a, .confide-offer a'))
      .map((el) => el.getAttribute('href') ?? el.getAttribute('action')))
    for (const target of links) {
      if (target.startsWith('/') && !target.startsWith('/static/') && !target.startsWith('/videos/') && !target.startsWith(`/${lang}/`)) fail(`${step}: links to ${target}`)
    }
    const words = await pageWords(page)
    const left = [...english].filter((f) => !own.has(f) && words.includes(f))
    if (left.length) fail(`${step}: English catalogue words on the page: ${left.slice(0, 5).map((f) => `"${f}"`).join(', ')}`)
    if (js) {
      await page.waitForLoadState('networkidle')
      const total = documentBytes + [...statics.values()].reduce((a, b) => a + b, 0)
      weights.push(`${lang} ${step}: ${documentBytes} + ${total - documentBytes} = ${total}`)
      if (total > 40 * 1024) fail(`${step}: ${total} bytes on the wire without video, over 40 KB`)
    }
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
    if (wide) fail(`${step}: the page scrolls sideways`)
    if (dir === 'rtl') {
      const box = await page.locator('.govuk-exit-this-page__button').boundingBox()
      if (!box || box.y > 400) fail(`${step}: the Exit button is not at the top`)
      const banner = await page.locator('.confide-danger-banner').boundingBox()
      if (!banner || banner.y > 1) fail(`${step}: the 999 banner is not the first thing on the page`)
    }
    if (js) {
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()
      for (const v of results.violations) fail(`${step}: axe ${v.id} [${v.impact}] ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
    }
    if (SHOTS && dir === 'rtl') {
      await mkdir(SHOTS, { recursive: true })
      await page.screenshot({ path: join(SHOTS, `${lang}-${js ? 'js' : 'nojs'}-${step}.png`), fullPage: true })
    }
  }
  try {
    await page.goto(urlOf(`/${lang}/`))
    await check('home')
    await page.locator('form[role=search] button[type=submit]').click()
    await page.waitForURL(/\/schools/)
    await check('schools')
    await page.locator('#confide-school-list a').first().click()
    await page.waitForURL(new RegExp(`/${lang}/s/[a-z0-9-]+$`))
    await check('school')
    await page.locator('.confide-topic-list a').first().click()
    await page.waitForURL(/\/topics\//)
    await check('topic')
    const defaultTrack = await page.locator('video track[default]').getAttribute('srclang')
    const tracks = await page.locator('video track').count()
    if (tracks > 1 && defaultTrack !== lang) fail(`topic: the default captions are ${defaultTrack}, not ${lang}`)
    await page.locator('a.govuk-button--start').first().click()
    await page.waitForURL(/\/report$/)
    await check('form')
    await page.locator('input[name=category][value=bullying]').check()
    await page.locator('input[name=location][value=online]').check()
    await page.locator('input[name=happening_now][value=no]').check()
    await page.locator('input[name=about][value=no]').check()
    await page.locator('#what').fill(`Browser test in ${lang}, with a screenshot.`)
    await page.locator('#pictures').setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: TINY_PNG })
    if (js) await page.locator('img.confide-preview').first().waitFor()
    await page.locator('form[enctype] button[type=submit]').click()
    await page.locator('.confide-receipt-code').waitFor()
    await check('receipt')
    const code = (await page.locator('.confide-receipt-code span').allTextContents()).map((g) => g.trim()).join(' ')
    if (!/^[0-9A-Z]{4}( [0-9A-Z]{4}){4}$/.test(code)) fail(`receipt: no code (${code})`)
    const codeDir = await page.locator('.confide-receipt-code').getAttribute('dir')
    if (codeDir !== 'ltr') fail('receipt: the code does not read left to right')
    await page.locator(`main a[href="/${lang}/followup"]`).first().click()
    await check('followup')
    // Receipt codes are rate limited per address, and every browser test shares one:
    // a 429 is waited out (the limit gives one more try every 30 seconds).
    const submit = async (button) => {
      for (let tries = 0; ; tries++) {
        const [res] = await Promise.all([page.waitForNavigation(), button.click()])
        if (res?.status() !== 429 || tries === 4) return res
        await page.waitForTimeout(31000)
        await page.goto(urlOf(`/${lang}/followup`))
        await page.locator('#code').fill(code)
        if (button === messageButton) {
          await page.locator('form[action$="/followup"] button[type=submit]').click()
          await page.locator('#message').fill('One more thing from the browser test.')
        }
      }
    }
    const messageButton = page.locator('form[action$="/followup/message"] button[type=submit]')
    await page.locator('#code').fill(code)
    await submit(page.locator('form[action$="/followup"] button[type=submit]'))
    await page.locator('#status').waitFor()
    await check('conversation')
    await page.locator('#message').fill('One more thing from the browser test.')
    await submit(messageButton)
    await page.locator('.govuk-notification-banner--success').waitFor()
    await check('sent')
  } catch (err) {
    fail(`journey broke at ${page.url()}: ${err.message.split('\n')[0]}`)
  }
  await context.close()
  report(`${lang} ${js ? 'js  ' : 'nojs'}`, problems)
}

// "Listen": shown only when the device has a voice of its own for the page's language
// (a voice that would send the words to a server does not count), and reads the page.
// The browser's speech is replaced by a stand-in that records what it is asked to say.
async function listen (browser, lang) {
  const problems = []
  // The words read are the topic's: in the page's language once translated, else English.
  const probe = await browser.newPage()
  await probe.goto(urlOf(`/${lang}/topics/bullying`))
  const words = await probe.locator('button[data-confide-listen]').getAttribute('data-confide-listen')
  await probe.close()
  const other = words === 'pl' ? 'cy' : 'pl'
  for (const [voices, shown] of [[[], false], [[{ lang: words, localService: false }], false], [[{ lang: `${other}-PL`, localService: true }], false], [[{ lang: `${words}-GB`, localService: true }], true]]) {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } })
    await context.addInitScript((list) => {
      window.spoken = []
      window.SpeechSynthesisUtterance = function (text) { this.text = text; this.addEventListener = () => {} }
      Object.defineProperty(window, 'speechSynthesis', {
        value: {
          speaking: false,
          getVoices: () => list,
          addEventListener: () => {},
          speak: (u) => window.spoken.push(u.text),
          cancel: () => {},
        },
      })
    }, voices)
    const page = await context.newPage()
    await page.goto(urlOf(`/${lang}/topics/bullying`))
    const visible = await page.locator('button[data-confide-listen]').isVisible()
    if (visible !== shown) problems.push(`voices ${JSON.stringify(voices)}: Listen ${visible ? 'shown' : 'hidden'}`)
    if (shown && visible) {
      await page.locator('button[data-confide-listen]').click()
      const spoken = await page.evaluate(() => window.spoken)
      const title = (await page.locator('h1').textContent()).trim()
      if (spoken[0] !== title) problems.push(`Listen read "${spoken[0]}" first, not the title "${title}"`)
    }
    await context.close()
  }
  report(`${lang} listen`, problems)
}

const english = fragments(await readFile(join(ROOT, 'locales/en-GB/pupil.ftl'), 'utf8'))
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
try {
  for (const lang of LANGS) {
    const res = await fetch(urlOf(`/${lang}/`))
    if (res.status !== 200) {
      report(`${lang} (no catalogue served)`, [`/${lang}/ answered ${res.status}`])
      continue
    }
    for (const js of [true, false]) await journey(browser, lang, js, english)
    await listen(browser, lang)
  }
} finally {
  await browser.close()
}
console.log('page weight (page + its stylesheet, scripts and icon, compressed, bytes):')
for (const w of weights) console.log(`  ${w}`)
const failed = checks.filter((c) => c.problems.length).length
console.log(`${checks.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
