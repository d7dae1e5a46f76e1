import { lessons } from 'virtual:lessons';
import { describeLessons } from './replay';

describeLessons(lessons);
