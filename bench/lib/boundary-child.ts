// One backend's boundary costs in a process of its own (see boundary.ts): prints one JSON line.
//   node --import tsx bench/lib/boundary-child.ts '<ChildRequest as JSON>'
import { measureInThisProcess, type ChildRequest } from './boundary.js';

const request = JSON.parse(process.argv[2] ?? '') as ChildRequest;
console.log(JSON.stringify(measureInThisProcess(request)));
