import { benchAppend } from './append';
import { printRows } from './support';

/** `npm run bench`: every benchmark, each printing its baseline, our figure and the ratio. */
async function main(): Promise<void> {
  console.log(`Node ${process.version} on ${process.platform}/${process.arch}`);
  printRows('Durable appends (WAL, synchronous=FULL)', await benchAppend());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
