// Types for what Vite and Slidev add to imports in this deck.
/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

// Every live demo's id in the deck (server/demoIds.ts).
declare module 'virtual:demo-ids' {
  const ids: string[]
  export default ids
}

// Every slide's rendered notes, by 0-based index (scripts/deck-notes.ts, build only).
declare module 'virtual:deck-notes' {
  const notes: readonly string[]
  export default notes
}
