// The same suite in real Chromium: the lessons' data and checks are pure and must agree there.
import { lessons } from 'virtual:lessons';
import { describeLessons } from './replay';

describeLessons(lessons);
