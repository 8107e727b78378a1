// The baseline serves its fonts itself too, so both decks pay the same.
import '@fontsource/nunito-sans/400.css'
import '@fontsource/nunito-sans/700.css'
import '@fontsource/fira-code/400.css'
