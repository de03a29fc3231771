// Hashing a stream to a file is plumbing, kept in cloud/platform (which imports no service); re-exported here for
// the evidence rules that read its Received record.
export { hashToFile, type Received } from '../../platform/hashToFile'
