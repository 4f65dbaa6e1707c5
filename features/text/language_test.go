package text

import "testing"

func TestDetectLanguage(t *testing.T) {
	cases := map[string]string{
		"The cache is slow because the database has to answer every request, and that is not what we want for the users of this service at all.":            "en",
		"El servidor es lento porque la base de datos tiene que responder a cada petición, y eso no es lo que queremos para los usuarios de este servicio.": "es",
		"O servidor é lento porque o banco de dados tem que responder a cada pedido, e isso não é o que queremos para os usuários deste serviço.":           "pt",
		"Le serveur est lent parce que la base de données doit répondre à chaque requête, et ce n'est pas ce que nous voulons pour les utilisateurs.":       "fr",
		"Der Server ist langsam, weil die Datenbank jede Anfrage beantworten muss, und das ist nicht, was wir für die Nutzer dieses Dienstes wollen.":       "de",
		"Il server è lento perché il database deve rispondere a ogni richiesta, e questo non è quello che vogliamo per gli utenti di questo servizio.":      "it",
		"too short to tell": "und",
	}
	for text, want := range cases {
		if got := DetectLanguage(text); got != want {
			t.Errorf("%q: %s, want %s", text[:min(30, len(text))], got, want)
		}
	}
}
