import { memo, useId, useState, type FormEvent } from 'react';
import { usePlayground } from '../../state/playground';

/** Writes a new cookie into the profile's jar, as a user in DevTools (or an attacker) would. */
export const HandCookieForm = memo(function HandCookieForm({ profile, defaultName }: { profile: string; defaultName: string }) {
  const addStep = usePlayground((s) => s.addStep);
  const [name, setName] = useState(defaultName);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setProblem('A cookie needs a name.');
      return;
    }
    setProblem(null);
    void addStep({ set_cookie_by_hand: { browser: profile, name: name.trim(), value } });
  };

  return (
    <details className="hand-cookie">
      <summary>Write a cookie by hand</summary>
      <form className="inline-form" onSubmit={save} noValidate>
        <label className="field">
          <span>Name</span>
          <input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setProblem(null);
            }}
            spellCheck={false}
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${id}-problem` : undefined}
          />
        </label>
        {problem && <p id={`${id}-problem`} className="field-problem" role="alert">{problem}</p>}
        <label className="field">
          <span>Value</span>
          <input value={value} onChange={(e) => setValue(e.target.value)} spellCheck={false} />
        </label>
        <div className="form-buttons">
          <button type="submit">Write cookie</button>
        </div>
      </form>
    </details>
  );
});
