/**
 * The deck's visual language, in one place: each concept the talk draws
 * (call stack, task, microtask, render step, timer, network wait, worker,
 * message, busy, waiting) has one colour for light and one for dark, one
 * line pattern and glyph, and one label, so a viewer who learns it on the
 * event-loop diagram recognises it in the visualizer and the timeline.
 * Pattern and glyph carry the meaning too, so nothing depends on colour.
 *
 * This is the only file that writes colour values. `installTokens()` (run
 * by ./index.ts before the first slide renders) turns them into CSS custom
 * properties on <html>: `--tok-<name>` for each concept and UI colour, with
 * the dark value under `html.dark`. Components use `var(--tok-task)`, or
 * `tokenVar('task')` in a template; a tint is
 * `color-mix(in srgb, var(--tok-task) 15%, transparent)`.
 * styles/colourLiterals.test.ts fails on a colour literal anywhere else.
 */

/** How a concept's outline is drawn: a CSS border style and the same rhythm as an SVG dash array. */
export interface Pattern {
  border: 'solid' | 'dashed' | 'dotted' | 'double'
  /** SVG stroke-dasharray (`undefined`: solid; `double` draws a second, inner outline). */
  dash?: string
}

export interface Concept {
  label: string
  /** The label where room is short (a legend). */
  short: string
  /** A glyph shown beside the label, so the concept reads in greyscale too. */
  glyph: string
  light: string
  dark: string
  pattern: Pattern
}

const SOLID: Pattern = { border: 'solid' }
const DASHED: Pattern = { border: 'dashed', dash: '9 5' }
const DOTTED: Pattern = { border: 'dotted', dash: '2 4' }
const DOUBLE: Pattern = { border: 'double' }

/** The talk's concepts. The light values hold 3:1 or more on white, the dark ones on the dark theme's background. */
export const CONCEPTS = {
  stack: {
    label: 'Call stack',
    short: 'stack',
    glyph: '▤',
    light: '#6d28d9',
    dark: '#c4b5fd',
    pattern: SOLID,
  },
  task: {
    label: 'Task',
    short: 'task',
    glyph: '▭',
    light: '#c2410c',
    dark: '#fdba74',
    pattern: DASHED,
  },
  microtask: {
    label: 'Microtask',
    short: 'microtask',
    glyph: '◇',
    light: '#047857',
    dark: '#6ee7b7',
    pattern: DOUBLE,
  },
  render: {
    label: 'Render step',
    short: 'render',
    glyph: '▦',
    light: '#be185d',
    dark: '#f9a8d4',
    pattern: SOLID,
  },
  timer: {
    label: 'Timer',
    short: 'timer',
    glyph: '◷',
    light: '#0e7490',
    dark: '#67e8f9',
    pattern: DOTTED,
  },
  network: {
    label: 'Network wait',
    short: 'network',
    glyph: '⇄',
    light: '#475569',
    dark: '#cbd5e1',
    pattern: DOTTED,
  },
  worker: {
    label: 'Worker',
    short: 'worker',
    glyph: '⚙',
    light: '#b45309',
    dark: '#fcd34d',
    pattern: SOLID,
  },
  message: {
    label: 'Message',
    short: 'message',
    glyph: '→',
    light: '#4338ca',
    dark: '#a5b4fc',
    pattern: SOLID,
  },
  busy: {
    label: 'Busy',
    short: 'busy',
    glyph: '■',
    light: '#1d4ed8',
    dark: '#93c5fd',
    pattern: SOLID,
  },
  waiting: {
    label: 'Waiting',
    short: 'waiting',
    glyph: '┄',
    light: '#57534e',
    dark: '#d6d3d1',
    pattern: DOTTED,
  },
} as const satisfies Record<string, Concept>

export type ConceptName = keyof typeof CONCEPTS

/**
 * Colours the page's chrome needs besides the concepts: console levels, the
 * run button, focus rings, neutral lines, and the text on a filled bar.
 */
export const UI = {
  /** Neutral lines and fills, drawn over either background. */
  line: { light: 'rgba(128, 128, 128, 0.45)', dark: 'rgba(128, 128, 128, 0.45)' },
  'line-soft': { light: 'rgba(128, 128, 128, 0.12)', dark: 'rgba(128, 128, 128, 0.12)' },
  hover: { light: 'rgba(128, 128, 128, 0.15)', dark: 'rgba(128, 128, 128, 0.15)' },
  focus: { light: '#2563eb', dark: '#60a5fa' },
  /** The console's level colours (text) and the run button. */
  info: { light: '#2563eb', dark: '#93c5fd' },
  warn: { light: '#92400e', dark: '#fde68a' },
  error: { light: '#b91c1c', dark: '#fca5a5' },
  ok: { light: '#047857', dark: '#6ee7b7' },
  'warn-bg': { light: 'rgba(234, 179, 8, 0.14)', dark: 'rgba(234, 179, 8, 0.14)' },
  'error-bg': { light: 'rgba(239, 68, 68, 0.12)', dark: 'rgba(239, 68, 68, 0.12)' },
  run: { light: '#15803d', dark: '#15803d' },
  'run-hover': { light: '#166534', dark: '#166534' },
  'on-run': { light: '#fff', dark: '#fff' },
  /** A demo status pill's tint. */
  'status-running': { light: 'rgba(59, 130, 246, 0.2)', dark: 'rgba(59, 130, 246, 0.2)' },
  'status-done': { light: 'rgba(34, 197, 94, 0.22)', dark: 'rgba(34, 197, 94, 0.22)' },
  'status-error': { light: 'rgba(239, 68, 68, 0.25)', dark: 'rgba(239, 68, 68, 0.25)' },
  'status-paused': { light: 'rgba(234, 179, 8, 0.28)', dark: 'rgba(234, 179, 8, 0.28)' },
  /** The demo editor's own background: none, so the slide's code background shows (Monaco's themes take colour values, not variables). */
  'editor-bg': { light: '#00000000', dark: '#00000000' },
  /** The console's background where Slidev's code background is missing. */
  'code-bg': { light: '#f5f5f5', dark: '#1e1e1e' },
  /** Text on a bar filled with a concept's colour (the timeline's busy bars). */
  'on-fill': { light: '#fff', dark: '#0b1220' },
  /** The page's own text and background, for outlines drawn behind text. */
  fg: { light: '#111827', dark: '#f3f4f6' },
  bg: { light: '#fff', dark: '#121212' },
  /** Reading mode's notes panel, and the navigation bar shown over a slide. */
  panel: { light: '#fff', dark: '#17181b' },
  'panel-fg': { light: '#1f2937', dark: '#e5e7eb' },
  overlay: { light: 'rgba(17, 24, 39, 0.85)', dark: 'rgba(17, 24, 39, 0.85)' },
  rule: { light: 'rgba(128, 128, 128, 0.35)', dark: 'rgba(128, 128, 128, 0.35)' },
  'rule-soft': { light: 'rgba(128, 128, 128, 0.2)', dark: 'rgba(128, 128, 128, 0.2)' },
  /** A demo's "N more lines below" badge, over its code. */
  badge: { light: 'rgba(30, 41, 59, 0.78)', dark: 'rgba(30, 41, 59, 0.78)' },
  'badge-print': { light: 'rgba(30, 41, 59, 0.6)', dark: 'rgba(30, 41, 59, 0.6)' },
  'on-badge': { light: '#fff', dark: '#fff' },
  /** The line the visualizer's step runs, marked in the code: a tint and a bar. */
  'running-line': { light: 'rgba(250, 204, 21, 0.28)', dark: 'rgba(250, 204, 21, 0.28)' },
  'running-mark': { light: '#ca8a04', dark: '#ca8a04' },
  /** A frame that took too long, in the frame meter's graph. */
  long: { light: '#dc2626', dark: '#f87171' },
} as const satisfies Record<string, { light: string; dark: string }>

export type UiName = keyof typeof UI
export type TokenName = ConceptName | UiName

/** `var(--tok-<name>)`, for a template or a style binding. */
export const tokenVar = (name: TokenName) => `var(--tok-${name})`

/** A concept's colour mixed with transparency: a tint that works on either background. */
export const tint = (name: TokenName, percent: number) =>
  `color-mix(in srgb, var(--tok-${name}) ${percent}%, transparent)`

/** The style sheet that defines every token, light on :root and dark under html.dark. */
export function tokensCss(): string {
  const all: [string, { light: string; dark: string }][] = [
    ...Object.entries(CONCEPTS),
    ...Object.entries(UI),
  ]
  const light = all.map(([name, c]) => `--tok-${name}:${c.light};`).join('')
  const dark = all.map(([name, c]) => `--tok-${name}:${c.dark};`).join('')
  return `:root{${light}}html.dark{${dark}}`
}

/** Puts the tokens on the page once (a no-op outside a document, as in a Deno test). */
export function installTokens(doc: Document | undefined = globalThis.document): void {
  if (!doc || doc.getElementById('deck-tokens')) return
  const style = doc.createElement('style')
  style.id = 'deck-tokens'
  style.textContent = tokensCss()
  doc.head.prepend(style)
}

/**
 * An SVG shape's style for a concept: its colour as the stroke, a tint of it
 * as the fill (`fill` is the tint's opacity, 0 for none) and its dash rhythm.
 */
export function svgStyle(
  name: ConceptName,
  fill = 0.15,
  width = 2.5,
): Record<string, string | number> {
  const c: Concept = CONCEPTS[name]
  return {
    stroke: tokenVar(name),
    strokeWidth: width,
    fill: fill ? tokenVar(name) : 'none',
    fillOpacity: fill,
    ...(c.pattern.dash ? { strokeDasharray: c.pattern.dash, strokeLinecap: 'round' } : {}),
  }
}
