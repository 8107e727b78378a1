// The baseline serves the same fonts the same way, so both decks pay the same.
import '../../../styles/fonts.css'
