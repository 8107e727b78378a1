// Self-hosted fonts: the deck must make no outside request on a disconnected stage.
import './fonts.css'
// Slidev's hidden navigation bar catches the pointer only on its buttons.
import './nav.css'
// The concept diagrams' steps, hidden until their click.
import './builds.css'
// The title and section slides' layouts.
import './identity.css'
// The design tokens (every colour the deck draws with) as CSS custom properties.
import { installTokens } from './tokens.ts'

installTokens()
