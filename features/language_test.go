package features

import (
	"testing"

	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/features/text"
)

// TestMeasureLanguage: Measure guesses the language from its lexicon's
// stop-word counts as text.DetectLanguage does from the words, cold and warm.
func TestMeasureLanguage(t *testing.T) {
	cases := map[string]string{
		"The cache is slow because the database has to answer every request, and that is not what we want for the users of this service at all.":            "en",
		"El servidor es lento porque la base de datos tiene que responder a cada petición, y eso no es lo que queremos para los usuarios de este servicio.": "es",
		"O servidor é lento porque o banco de dados tem que responder a cada pedido, e isso não é o que queremos para os usuários deste serviço.":           "pt",
		"Le serveur est lent parce que la base de données doit répondre à chaque requête, et ce n'est pas ce que nous voulons pour les utilisateurs.":       "fr",
		"Der Server ist langsam, weil die Datenbank jede Anfrage beantworten muss, und das ist nicht, was wir für die Nutzer dieses Dienstes wollen.":       "de",
		"Il server è lento perché il database deve rispondere a ogni richiesta, e questo non è quello che vogliamo per gli utenti di questo servizio.":      "it",
		"too short to tell": "und",
	}
	var warm Measurer // its lexicon outlives each post, as a worker's does
	for range 2 {
		for doc, want := range cases {
			if got := text.DetectLanguage(doc); got != want {
				t.Fatalf("%q: text.DetectLanguage says %s, want %s", doc[:min(30, len(doc))], got, want)
			}
			p, err := post.ParsePlainText([]byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			if got := Measure(p, 20000).Language; got != want {
				t.Errorf("Measure(%q).Language = %s, want %s", doc[:min(30, len(doc))], got, want)
			}
			if got := warm.Measure(p, 20000).Language; got != want {
				t.Errorf("warm Measure(%q).Language = %s, want %s", doc[:min(30, len(doc))], got, want)
			}
		}
	}
}
