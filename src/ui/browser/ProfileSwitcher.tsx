import { memo, useId, useState, type FormEvent } from 'react';
import { useUi } from '../uiState';

const MAX_NAME = 40;

function nameProblem(name: string): string | null {
  if (name === '') return 'A profile needs a name.';
  if (name.length > MAX_NAME) return `Keep the name under ${MAX_NAME} characters.`;
  return null;
}

/** Which browser profile (cookie jar) is shown and sends requests; a new one exists from its first step. */
// Memoized: a step re-renders it only when the profiles change.
export const ProfileSwitcher = memo(function ProfileSwitcher({ profiles, onAdd }: { profiles: string[]; onAdd(name: string): void }) {
  const profile = useUi((s) => s.profile);
  const setProfile = useUi((s) => s.setProfile);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  const add = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const found = nameProblem(trimmed);
    setProblem(found);
    if (found) return;
    onAdd(trimmed);
    setProfile(trimmed);
    setName('');
  };

  return (
    <div className="profile-bar">
      <label className="field">
        <span>Profile</span>
        <select value={profile} onChange={(e) => setProfile(e.target.value)}>
          {profiles.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
      </label>
      <form className="profile-add" onSubmit={add} noValidate>
        <label className="field">
          <span>New profile</span>
          <input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setProblem(null);
            }}
            placeholder="e.g. laptop"
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${id}-problem` : undefined}
          />
        </label>
        <button type="submit">Add profile</button>
        {problem && <p id={`${id}-problem`} className="field-problem" role="alert">{problem}</p>}
      </form>
    </div>
  );
});
