/** The use cases: connect an account, get a valid access token, upload media that resumes, await processing, publish exactly once, run the publication queue. */
package dev.outpost.application;
