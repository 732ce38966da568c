package wire

import "passcheck/verify/rules"

// PolicyChoice is one venue policy on offer (from the bundle).
type PolicyChoice struct {
	ID    string            `json:"id"`    // stable identifier, stored in settings
	Names map[string]string `json:"names"` // lang → name
}

// Label is the policy's name in lang, else in English.
func (c PolicyChoice) Label(lang string) string {
	if s := c.Names[lang]; s != "" {
		return s
	}
	return c.Names["en"]
}

// PolicyMenu is what the page needs of the policies: every choice (the
// bundle's, and signature only) and the bundle's default.
type PolicyMenu struct {
	Choices []PolicyChoice `json:"choices"`
	Default string         `json:"default,omitempty"`
}

// Menu lists the choices of set (nil: signature only).
func Menu(set *rules.Set) PolicyMenu {
	m := PolicyMenu{Choices: []PolicyChoice{}}
	for _, p := range set.Choices() {
		m.Choices = append(m.Choices, PolicyChoice{ID: p.ID, Names: p.Name})
	}
	if set != nil {
		m.Default = set.Default
	}
	return m
}

// InForce is the policy the page names as in force for the venue's choice:
// the same rules.Set.InForce the worker applies, over the menu's IDs.
func (m PolicyMenu) InForce(chosen string) (PolicyChoice, bool) {
	if len(m.Choices) == 0 {
		return PolicyChoice{}, false
	}
	set := rules.Set{Default: m.Default}
	for _, c := range m.Choices {
		set.Policies = append(set.Policies, &rules.Policy{ID: c.ID, Name: c.Names})
	}
	p := set.InForce(chosen)
	return PolicyChoice{ID: p.ID, Names: p.Name}, true
}
