import { Component, type ReactNode } from 'react';

interface Props {
  /** What failed, in the learner's words, e.g. "the Server panel". */
  what: string;
  children: ReactNode;
}

/**
 * A rendering failure stays inside the part that failed: the rest of the
 * page, and the run (saved and shareable), keep working.
 */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="panel-failure" role="alert">
        <p>Something went wrong showing {this.props.what}: {error.message}</p>
        <p>The run is not lost: step back or forward, or try again.</p>
        <button type="button" onClick={() => this.setState({ error: null })}>Try again</button>
      </div>
    );
  }
}
